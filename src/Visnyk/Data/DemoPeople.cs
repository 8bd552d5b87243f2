using Microsoft.EntityFrameworkCore;
using Visnyk.Departments;
using Visnyk.People;
using Visnyk.Site;

namespace Visnyk.Data;

// The demonstration site's leadership and heads of units. The people are invented (names,
// biographies, reception days) and say so: the real ones are the administration's to enter. Their
// posts and reception days are in English too, and the head's biography (the rest show in Ukrainian there).
static class DemoPeople
{
    const string Note = "Демонстраційні відомості: особу та біографію вигадано для показу платформи.";

    const string EnglishNote = "Demonstration details: the person and the biography were invented to show the platform.";

    record Demo(string Name, string JobTitle, string Phone, string Email, string Reception, string Biography, bool Leadership = false, string? Department = null, PersonText? English = null);

    static readonly Demo[] People =
    [
        new("Петренко Андрій Васильович", "Начальник обласної військової адміністрації", "+380 (532) 56-02-47", "head@poltava-ova.example",
            "Перший четвер місяця: 10:00–13:00 (за попереднім записом)",
            "Народився 1979 року в Полтаві. Закінчив Полтавський національний технічний університет.\nПрацював в органах місцевого самоврядування області, очолював районну державну адміністрацію.", Leadership: true,
            English: new() { JobTitle = "Head of the Regional Military Administration", ReceptionHours = "First Thursday of the month: 10:00–13:00 (by appointment)",
                Biography = $"{EnglishNote}\nBorn in Poltava in 1979. Graduated from Poltava National Technical University.\nWorked in the region's local self-government and headed a district state administration." }),
        new("Коваленко Ірина Миколаївна", "Перша заступниця начальника обласної військової адміністрації", "+380 (532) 56-02-48", "deputy1@poltava-ova.example",
            "Другий вівторок місяця: 10:00–13:00",
            "Відповідає за питання економічного розвитку, відновлення інфраструктури та міжнародної співпраці.", Leadership: true,
            English: new() { JobTitle = "First Deputy Head of the Regional Military Administration", ReceptionHours = "Second Tuesday of the month: 10:00–13:00" }),
        new("Шевчук Олег Петрович", "Заступник начальника обласної військової адміністрації", "+380 (532) 56-02-49", "deputy2@poltava-ova.example",
            "Третя середа місяця: 14:00–17:00",
            "Відповідає за питання соціального захисту населення, освіти, охорони здоров’я та підтримки ветеранів.", Leadership: true,
            English: new() { JobTitle = "Deputy Head of the Regional Military Administration", ReceptionHours = "Third Wednesday of the month: 14:00–17:00" }),
        new("Мельник Наталія Іванівна", "Директорка Департаменту соціального захисту населення", "+380 (532) 56-02-91", "social@poltava-ova.example",
            "Понеділок: 10:00–12:00",
            "Понад двадцять років працює у сфері соціального захисту населення.", Department: "social",
            English: new() { JobTitle = "Director of the Department of Social Protection", ReceptionHours = "Monday: 10:00–12:00" }),
        new("Бондар Сергій Олексійович", "Директор Департаменту освіти і науки", "+380 (532) 56-02-92", "osvita@poltava-ova.example",
            "Вівторок: 14:00–16:00",
            "Учитель історії, працював директором ліцею в Кременчуці.", Department: "education",
            English: new() { JobTitle = "Director of the Department of Education and Science", ReceptionHours = "Tuesday: 14:00–16:00" }),
    ];

    public static async Task LoadAsync(VisnykDb db, IReadOnlyDictionary<string, Department> departments, CancellationToken ct)
    {
        // The leadership is listed on the tree's "Керівництво" page as well as at /people.
        var leadershipPage = await db.SitePages.Where(p => p.PagePath == "/kerivnytstvo").Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        db.People.AddRange(People.Select((d, i) => new Person
        {
            Name = d.Name,
            Slug = Transliteration.Slugify(d.Name),
            JobTitle = d.JobTitle,
            Biography = $"{Note}\n{d.Biography}",
            Phone = d.Phone,
            Email = d.Email,
            ReceptionHours = d.Reception,
            InLeadership = d.Leadership,
            PageId = d.Leadership ? leadershipPage : null,
            DepartmentId = d.Department is { } key ? departments[key].Id : null,
            Heads = d.Department is not null,
            Position = i + 1,
            // A fresh copy each time: a row's texts are its own.
            Translations = d.English is { } english
                ? PersonText.With([], SiteLanguage.English, new PersonText { JobTitle = english.JobTitle, Biography = english.Biography, ReceptionHours = english.ReceptionHours })
                : [],
        }));
        await db.SaveChangesAsync(ct);
    }
}
