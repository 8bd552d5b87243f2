using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Data;

// The demonstration site's page tree: the sections an oblast administration's site has, with
// invented text marked as such (the real text is the administration's to write). Some of them
// in English too, as translations that stand where their originals do (PagePlace.Translations).
static class DemoPages
{
    record Demo(string Title, string Summary, string[] Paragraphs, bool InMenu = false, string? Department = null, Demo[]? Below = null, bool InFooter = false, InEnglish? English = null);
    record InEnglish(string Title, string Summary, string[] Paragraphs);

    const string Note = "Демонстраційний текст: сторінку створено для показу платформи, справжній зміст напише адміністрація.";
    const string EnglishNote = "Demonstration text: this page was made to show the platform; the administration will write the real text.";

    static readonly Demo[] Tree =
    [
        new("Про область", "Полтавська область: розташування, населення, громади.",
            ["Полтавська область розташована в центрі України, у басейні середньої течії Дніпра. Адміністративний центр — місто Полтава.",
             "До складу області входять 4 райони та 60 територіальних громад."], InMenu: true, English: new("About the region", "Poltava Region: location, population, hromadas.",
            ["Poltava Region lies in the centre of Ukraine, in the basin of the middle Dnipro. Its administrative centre is the city of Poltava.",
             "The region has 4 districts and 60 territorial hromadas."]), Below:
            [
                new("Символіка", "Герб і прапор Полтавської області.", ["Герб і прапор області затверджено рішенням обласної ради."], InMenu: true,
                    English: new("Symbols", "The coat of arms and the flag of Poltava Region.", ["The coat of arms and the flag of the region were approved by a decision of the regional council."])),
                new("Історична довідка", "Коротко про історію краю.", ["Полтавщина — один з історичних центрів України, край Котляревського, Гоголя і Панаса Мирного."], InMenu: true,
                    English: new("History", "A short history of the region.", ["Poltava Region is one of the historical centres of Ukraine, the land of Kotliarevskyi, Hohol and Panas Myrnyi."])),
            ]),
        new("Керівництво", "Керівництво обласної військової адміністрації.",
            ["Начальник обласної військової адміністрації, його перші заступники та заступники.", "Графік особистого прийому громадян оприлюднено на сторінці «Звернення громадян»."], InMenu: true),
        new("Структура", "Структурні підрозділи обласної державної адміністрації.",
            ["Структурні підрозділи забезпечують виконання повноважень адміністрації у своїх галузях. Повний перелік із контактами — у розділі «Підрозділи»."], InMenu: true, Below:
            [
                new("Департамент соціального захисту населення", "Завдання, положення та послуги департаменту.",
                    ["Департамент реалізує державну політику у сфері соціального захисту населення області.", "Сторінку веде сам департамент."], InMenu: true, Department: "social"),
                new("Департамент освіти і науки", "Завдання, положення та послуги департаменту.",
                    ["Департамент забезпечує реалізацію державної політики у сфері освіти і науки."], InMenu: true, Department: "education"),
            ]),
        new("Контакти", "Адреса, телефони та електронна пошта адміністрації.",
            ["36014, м. Полтава, вул. Соборності, 45.", "Телефон приймальні: (0532) 56-02-47. Гаряча лінія: 15-45."], InMenu: true, InFooter: true,
            English: new("Contacts", "The administration's address, telephones and e-mail.",
                ["45 Sobornosti Street, Poltava, 36014, Ukraine.", "Reception: +380 532 56-02-47. Hotline: 15-45."])),
        new("Звернення громадян", "Як звернутися до адміністрації, графіки прийому, гаряча лінія.",
            ["Звернення можна надіслати поштою, електронною поштою або подати на особистому прийомі."], InFooter: true, Below:
            [
                new("Гаряча лінія", "Телефон гарячої лінії та години її роботи.", ["Гаряча лінія працює в робочі дні з 8:00 до 17:00."]),
            ]),
        new("Доступ до публічної інформації", "Як отримати публічну інформацію, запит на інформацію.",
            ["Запит на інформацію можна подати усно, письмово або електронною поштою відповідно до Закону України «Про доступ до публічної інформації»."], InFooter: true,
            English: new("Access to public information", "How to obtain public information; requests for information.",
                ["A request for information may be made orally, in writing or by e-mail under the Law of Ukraine “On Access to Public Information”."])),
        new("Вакансії", "Оголошення про добір на посади державної служби.",
            ["Оголошення про добір публікуються на порталі вакансій державної служби."], InFooter: true),
    ];

    public static async Task LoadAsync(VisnykDb db, IReadOnlyDictionary<string, Department> departments, DateTime at, CancellationToken ct)
    {
        async Task AddAsync(IReadOnlyList<Demo> level, Article? parent)
        {
            var pages = level.Select((d, i) => (d, Page(d, parent, i + 1, departments, at))).ToList();
            db.Articles.AddRange(pages.Select(p => p.Item2));
            await db.SaveChangesAsync(ct);
            db.Articles.AddRange(pages.Where(p => p.d.English is not null).Select(p => Translation(p.d.English!, p.Item2)));
            await db.SaveChangesAsync(ct);
            foreach (var (demo, page) in pages.Where(p => p.d.Below is not null))
            {
                await AddAsync(demo.Below!, page);
            }
        }
        await AddAsync(Tree, null);
        // Added directly, as the demonstration news are, and placed as a copy of a site is.
        await SitePages.PagePlace.PlaceAllAsync(db, null, ct);
    }

    static Article Translation(InEnglish english, Article original) => new()
    {
        Kind = ArticleKind.Page,
        Title = english.Title,
        Slug = Transliteration.Slugify(english.Title),
        Summary = english.Summary,
        Body = $"<p><strong>{EnglishNote}</strong></p>\n" + string.Concat(english.Paragraphs.Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>\n")),
        Status = original.Status,
        PublishedAt = original.PublishedAt,
        UpdatedAt = original.UpdatedAt,
        Departments = [.. original.Departments],
        Language = SiteLanguage.English.Code,
        OriginalId = original.Id,
    };

    static Article Page(Demo demo, Article? parent, int position, IReadOnlyDictionary<string, Department> departments, DateTime at)
    {
        return new Article
        {
            Kind = ArticleKind.Page,
            Title = demo.Title,
            Slug = Transliteration.Slugify(demo.Title),
            Summary = demo.Summary,
            Body = $"<p><strong>{Note}</strong></p>\n" + string.Concat(demo.Paragraphs.Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>\n")),
            Status = ArticleStatus.Published,
            PublishedAt = at,
            UpdatedAt = at,
            ParentId = parent?.Id,
            Position = position,
            InMenu = demo.InMenu,
            InFooter = demo.InFooter,
            Departments = demo.Department is { } key ? [departments[key]] : [],
        };
    }
}
