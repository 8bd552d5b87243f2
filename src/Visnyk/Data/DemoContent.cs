using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Data;

// The reference page (../shared/reference/seed-news-page.md) and its neighbours, loaded into an
// empty database so a fresh start shows a real-looking site. Photos are generated scenes: no real ones ship.
public static class DemoContent
{
    public const string ReferenceTitle =
        "Членкині Коаліції 1325 Полтавщини зустрілись з Консультаційною місією ЄС в Україні (КМЄС)";

    // The reference page's text, word for word (its typos included).
    static readonly string[] ReferenceBody =
    [
        "Безпекові питання, робота з постраждалими від СНПК, протидія домашньому насильству, підтримка ментального здоров’я та відновлення як населення так і фахівців першої контактної лінії, потреби в розвитку місцевих сервісів допомоги населенню – про це та інше сьогодні обговорювали на зустрічі з Консультаційною місією ЄС в Україні (КМЄС) з членкинями неформального експертного об’єднання «Коаліція 1325 Полтавщина».",
        "Консультативна Місія Європейського Союзу – команда експертів, які беруть безпосередню участь у процесах реформування сектору цивільної безпеки України та його наближення до європейських стандартів. Тому для вдалого виконання своїх стратегічних завдань проводять стратегічні зустрічі з ключовими стейкхолдерами всіх ланок: владою, правоохоронними структурами, громадським сектором та експертним середовищем.",
        "Метою зустрічі є представлення діяльності Коаліції 1325 Полтавщина, а також обговорення: принципів побудови внутрішньої взаємодії на місцевому рівні; практик мережування та партнерства; викликів, з якими стикається «Коаліція 1325 Полтавщини» як об’єднання і її учасники, як окремі виконавці програм та ініціатив; представлення того, як на місцях вибудовується реагування на гендерно зумовлене насильство в контексті захисту прав людини, з урахуванням принципів верховенства права та відповідальності за міжнародні злочини.",
        "Кожен з присутніх членів Коаліції мав смогу презентувати власні кейси, які діють в області і спрямовані на забезпечення розвитку соціальних послуг, реагування на виклики війни та її наслідки, роботу з уразливими категоріями, протидію домашньому та гендернозумовленому насильству, торгівлі людьми, супровід постраждалих від СНПК, реалізацію ініціатив спрямованих на підтримку родин з дітьми.",
        "Дякуємо гостям від КМЄС: раднику з питань загальної правоохоронної діяльності Арсенію МІХЕЄВСУ, офіцер з планування Каролісу БУТКЕВИЧУСУ, експерт з питань правоохоронної діяльності Сергію ГРИВНЯКУ та експертці з питань прав людини Євгенії КОВАЛЕНКО-МАРЧЕНКОВІЙ за цікаві питання та живе обговорення.",
        "Окремі слова подяки простору «СОС дитячі містека» за можливість проведення зустрічі.",
    ];

    // "Новина за темою" on the reference page: all three of 18 June 2025.
    static readonly (string Title, string Time)[] Related =
    [
        ("Жити без бар’єрів: як в Новосанжарському будинку-інтернаті опановують побутові навички", "2025-06-18 17:20"),
        ("Соціальна політика має бути спрямована на інвестування в майбутнє людини, – Денис Улютін", "2025-06-18 14:10"),
        ("Україна разом з міжнародними партнерами шукає фінансовий інструмент, щоб запрацювала накопичувальна пенсійна система", "2025-06-18 11:35"),
    ];

    // "Останні новини" on the reference page, newest first, all of 21 August 2025; with a
    // department and tags each so that department and tag pages have something to show.
    static readonly (string Title, string Time, string Department, string[] Tags)[] Latest =
    [
        ("У Полтаві відбудеться футбольний турнір пам’яті Народного Героя України Степана Чубенка", "2025-08-21 17:45", "sport", ["спорт", "пам’ять"]),
        ("На Дія.Освіта вийшов курс про адаптивні тренування після ампутацій", "2025-08-21 17:10", "health", ["Дія", "ветерани"]),
        ("Олена Зеленська взяла участь у щорічній освітній конференції «Серпнева-2025»", "2025-08-21 16:30", "education", ["освіта"]),
        ("Синоптики попереджають про погорішення погодних умов", "2025-08-21 15:55", "civil", ["погода"]),
        ("Відновлювальна акватерапія та дайвінг-реабілітація для захисників і захисниць діють на Полтавщині", "2025-08-21 15:20", "social", ["ветерани", "соцзахист"]),
        ("Триває опитування підприємців щодо вдосконалення сервісу «Маркетплейс фінансових можливостей для бізнесу» на порталі Дія.Бізнес", "2025-08-21 14:40", "info", ["Дія", "бізнес"]),
        ("Інформаційні матеріали до Дня пам’яті захисників України, які загинули в боротьбі за незалежність, суверенітет і територіальну цілісність України", "2025-08-21 13:50", "info", ["пам’ять", "День Незалежності"]),
        ("Інформаційні матеріали до Дня Державного Прапора та Дня Незалежності України – 2025", "2025-08-21 13:05", "info", ["День Незалежності"]),
        ("24 серпня відбудеться всесвітня акція «Ланцюг єдності» до Дня Незалежності України", "2025-08-21 12:15", "info", ["День Незалежності"]),
    ];

    // The tags' names on the English pages.
    static readonly Dictionary<string, string> EnglishTagNames = new()
    {
        ["спорт"] = "sport", ["пам’ять"] = "remembrance", ["Дія"] = "Diia", ["ветерани"] = "veterans", ["освіта"] = "education",
        ["погода"] = "weather", ["соцзахист"] = "social protection", ["бізнес"] = "business", ["День Незалежності"] = "Independence Day",
        ["Коаліція 1325 Полтавщина"] = "Poltava Region 1325 Coalition",
    };

    public static async Task LoadAsync(VisnykDb db, ImagePipeline pipeline, DateTime utcNow, CancellationToken ct)
    {
        var departments = Departments().ToDictionary(d => d.Key, d => d.Value);
        var tags = new Dictionary<string, Tag>();
        Tag TagNamed(string name) =>
            tags.TryGetValue(name, out var t) ? t : tags[name] = new Tag
            {
                Name = name, Slug = Transliteration.Slugify(name),
                Translations = NameText.With([], SiteLanguage.English, EnglishTagNames.GetValueOrDefault(name)),
            };

        var photo = 0;
        Image Photo(string caption, string alt)
        {
            using var picture = Placeholder.Create(photo++);
            return pipeline.Save(picture, alt, caption, utcNow);
        }

        var related = Related.Select(r => Demo(r.Title, r.Time, [departments["social"]], [TagNamed("соцзахист")], Photo("", $"Ілюстрація до новини «{r.Title}» (демонстраційне зображення)"))).ToList();
        var latest = Latest.Select(l => Demo(l.Title, l.Time, [departments[l.Department]], l.Tags.Select(TagNamed).ToList(), Photo("", $"Ілюстрація до новини «{l.Title}» (демонстраційне зображення)"))).ToList();

        var reference = new Article
        {
            Title = ReferenceTitle,
            Slug = Transliteration.Slugify(ReferenceTitle),
            Summary = "Безпекові питання, робота з постраждалими від СНПК, протидія домашньому насильству та підтримка ментального здоров’я: членкині «Коаліції 1325 Полтавщина» зустрілися з Консультаційною місією ЄС в Україні.",
            Body = string.Concat(ReferenceBody.Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>\n")),
            Status = ArticleStatus.Published,
            PublishedAt = Kyiv("2025-06-18 15:58"),
            UpdatedAt = Kyiv("2025-06-18 15:58"),
            Departments = [departments["info"], departments["social"]],
            Tags = [TagNamed("соцзахист"), TagNamed("Коаліція 1325 Полтавщина")],
        };
        reference.SetLead(Photo("КМЕС 1", "Членкині Коаліції 1325 Полтавщина та представники КМЄС під час зустрічі (демонстраційне зображення)"));
        reference.SetGallery(new[] { "КМЕС 2", "КМЕС 2", "КМЕС", "КМЕС" }
            .Select((caption, i) => (Photo(caption, $"Зустріч із КМЄС, фото {i + 2} (демонстраційне зображення)"), PhotoText.Keep)).ToList());
        reference.PinnedRelated = related.Select((r, i) => new PinnedRelation { Related = r, Position = i }).ToList();

        db.SiteSettings.Add(Settings(utcNow));
        db.Articles.AddRange(related);
        db.Articles.Add(reference);
        db.Articles.AddRange(latest);
        // Demo news is not news: added directly, not published through Publishing, it alerts no one.
        await db.SaveChangesAsync(ct);
        db.Articles.AddRange(DemoEnglish.For(reference, latest));
        await db.SaveChangesAsync(ct);
        await DemoPages.LoadAsync(db, departments, reference.PublishedAt, ct);
        await DemoPeople.LoadAsync(db, departments, ct);
        await DemoDocuments.LoadAsync(db, departments, utcNow, ct);
    }

    static Article Demo(string title, string time, List<Department> departments, List<Tag> tags, Image photo)
    {
        var article = new Article
        {
            Title = title,
            Slug = Transliteration.Slugify(title),
            Summary = $"Демонстраційний текст. Заголовок узято з офіційного сайту Полтавської ОВА, а текст новини вигадано для показу платформи.",
            Body = "<p><strong>Демонстраційний текст.</strong> Заголовок цієї новини взято з офіційного сайту обласної військової адміністрації, а її текст ще не завантажено: тут стоїть заповнювач, щоб показати, як платформа Visnyk виводить новини.</p>\n"
                + "<p>Редактори департаменту замінять цей текст справжнім у редакції сайту.</p>\n",
            Status = ArticleStatus.Published,
            PublishedAt = Kyiv(time),
            UpdatedAt = Kyiv(time),
            Departments = departments,
            Tags = tags,
        };
        article.SetLead(photo);
        return article;
    }

    static DateTime Kyiv(string local) =>
        KyivTime.ToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    static IEnumerable<KeyValuePair<string, Department>> Departments()
    {
        KeyValuePair<string, Department> D(string key, int position, string name, string english, string description, string englishDescription, string phone, string email) =>
            new(key, new Department
            {
                Name = name,
                Translations = DepartmentText.With([], SiteLanguage.English, new DepartmentText
                {
                    Name = english, Description = englishDescription, Address = "45 Sobornosti Street, Poltava, 36014",
                    ReceptionHours = "Monday–Thursday: 9:00–18:00\nFriday: 9:00–16:45\nBreak: 13:00–13:45",
                }),
                Slug = Transliteration.Slugify(name),
                Description = description,
                Address = "36014, Полтава, вулиця Соборності, 45",
                Phone = phone,
                Email = email,
                // Demonstration hours, as a department's would read.
                ReceptionHours = "Понеділок–четвер: 9:00–18:00\nП’ятниця: 9:00–16:45\nПерерва: 13:00–13:45",
                Position = position,
            });
        yield return D("info", 1, "Департамент інформаційної діяльності та комунікацій з громадськістю", "Department of Information and Public Communications",
            "Інформує мешканців області про роботу обласної військової адміністрації, взаємодіє із засобами масової інформації та громадськими організаціями.",
            "Informs the region’s residents about the work of the Regional Military Administration and works with the media and civil society organisations.",
            "+380 (532) 56-02-90", "info-dept@poltava-ova.example");
        yield return D("social", 2, "Департамент соціального захисту населення", "Department of Social Protection",
            "Забезпечує соціальну підтримку мешканців області: пільги, допомоги, соціальні послуги, підтримка внутрішньо переміщених осіб і ветеранів.",
            "Provides social support to the region’s residents: benefits, allowances and social services, and support for internally displaced people and veterans.",
            "+380 (532) 56-02-91", "social@poltava-ova.example");
        yield return D("education", 3, "Департамент освіти і науки", "Department of Education and Science",
            "Опікується дошкільною, загальною середньою, професійною освітою та безпекою освітнього процесу в області.",
            "Oversees preschool, general secondary and vocational education and the safety of schooling in the region.",
            "+380 (532) 56-02-92", "osvita@poltava-ova.example");
        yield return D("health", 4, "Департамент охорони здоров’я", "Department of Health",
            "Організовує медичну допомогу мешканцям області, зокрема реабілітацію захисників і захисниць.",
            "Organises medical care for the region’s residents, including the rehabilitation of servicemen and servicewomen.",
            "+380 (532) 56-02-93", "health@poltava-ova.example");
        yield return D("sport", 5, "Управління фізичної культури і спорту", "Office of Physical Culture and Sport",
            "Розвиває масовий спорт і спорт ветеранів, проводить обласні змагання.",
            "Develops sport for all and veterans’ sport and holds regional competitions.",
            "+380 (532) 56-02-94", "sport@poltava-ova.example");
        yield return D("civil", 6, "Управління з питань цивільного захисту", "Office of Civil Protection",
            "Попереджає мешканців про надзвичайні ситуації, небезпечні погодні явища та дії під час тривог.",
            "Warns residents of emergencies and dangerous weather and of what to do during air-raid alerts.",
            "+380 (532) 56-02-95", "dsns@poltava-ova.example");
    }

    // The reference page's footer. Its e-mail addresses were hidden by the capture, so the demo
    // uses addresses under the reserved .example domain.
    static SiteSettings Settings(DateTime utcNow) => new()
    {
        BodyName = "Полтавська обласна військова адміністрація",
        Tagline = "Офіційний веб-сайт",
        PostalAddress = "36014, Полтава, вулиця Соборності, 45",
        Phone = "+380 (532) 56-02-90",
        Email = "info@poltava-ova.example",
        Hotline = "112",
        LicenceText = "Весь контент доступний за ліцензією Creative Commons Attribution 4.0 International, якщо не зазначено інше",
        LicenceName = "CC BY 4.0",
        LicenceUrl = "https://creativecommons.org/licenses/by/4.0/deed.uk",
        SupportEmail = "support@poltava-ova.example",
        DevelopedBy = "Visnyk — відкрита платформа новин органів влади",
        SupportedBy = "Демонстраційний партнер проєкту",
        // The header and footer of the English pages (names as the official transliteration writes them).
        Translations =
        [
            new SettingsText
            {
                Language = SiteLanguage.English.Code,
                BodyName = "Poltava Regional Military Administration",
                Tagline = "Official website",
                PostalAddress = "45 Sobornosti Street, Poltava, 36014",
                LicenceText = "All content is available under the Creative Commons Attribution 4.0 International licence, unless stated otherwise",
                LicenceName = "CC BY 4.0",
                DevelopedBy = "Visnyk, an open news platform for public bodies",
                SupportedBy = "A demonstration partner of the project",
            },
        ],
        // Demonstration text: a real body states its own findings and dates.
        AccessibilityConformance = Conformance.Partial,
        AccessibilityExceptions = "Частина PDF-документів, опублікованих до 2024 року, є сканованими зображеннями без текстового шару.\n"
            + "Відео з брифінгів до 2023 року не мають субтитрів.",
        AccessibilityPreparedOn = DateOnly.FromDateTime(utcNow),
        AccessibilityCheckedOn = DateOnly.FromDateTime(utcNow),
        AccessibilityCheckMethod = "самооцінка: автоматична перевірка axe-core кожної сторінки сайту і перевірка з клавіатурою та читачем екрана",
        AccessibilityEnforcement = "Якщо наша відповідь вас не задовольнила, ви можете звернутися до Уповноваженого Верховної Ради України з прав людини: ombudsman.gov.ua.",
        UpdatedAt = utcNow,
    };
}
