using System.Security.Cryptography;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Documents;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Data;

// The demonstration register: a few documents of each kind with signed PDFs whose text the site
// extracted, as an editor's upload would have it. Invented, and every file and text says so.
static class DemoDocuments
{
    const string Note = "Демонстраційний документ: текст вигадано для показу платформи, він не має юридичної сили.";

    record Demo(DocumentType Type, string Number, string Signed, string Title, string IssuedBy, string Department, string[] Paragraphs,
        DocumentStatus Status = DocumentStatus.InForce, int? Amends = null);

    const string Head = "Начальник обласної військової адміністрації";

    static readonly Demo[] Register =
    [
        new(DocumentType.Rozporiadzhennia, "123", "2025-03-12", "Про затвердження обласної програми підтримки внутрішньо переміщених осіб на 2025–2027 роки", Head, "social",
            ["Відповідно до законів України «Про правовий режим воєнного стану» та «Про забезпечення прав і свобод внутрішньо переміщених осіб»:",
             "1. Затвердити обласну програму підтримки внутрішньо переміщених осіб на 2025–2027 роки, що додається.",
             "2. Департаменту соціального захисту населення забезпечити виплату субсидій та компенсацій на оплату житлово-комунальних послуг родинам, які прихистили переселенців.",
             "3. Контроль за виконанням цього розпорядження покласти на заступника начальника обласної військової адміністрації."],
            Status: DocumentStatus.Amended),
        new(DocumentType.Nakaz, "45-од", "2025-02-03", "Про організацію безпечного освітнього процесу в закладах освіти області", "Департамент освіти і науки", "education",
            ["З метою забезпечення безпеки учасників освітнього процесу під час воєнного стану наказую:",
             "1. Керівникам закладів освіти перевірити готовність укриттів і провести навчання з евакуації.",
             "2. Забезпечити проведення занять в укриттях під час повітряної тривоги."]),
        new(DocumentType.Rozporiadzhennia, "310", "2025-06-20", "Про внесення змін до розпорядження № 123 від 12.03.2025", Head, "social",
            ["Внести до обласної програми підтримки внутрішньо переміщених осіб на 2025–2027 роки такі зміни:",
             "1. Пункт 2 доповнити словами «а також компенсацій за тимчасове розміщення в місцях компактного проживання».",
             "2. Це розпорядження набирає чинності з дня його оприлюднення."],
            Amends: 0),
        new(DocumentType.Rishennia, "12", "2024-01-15", "Про обласний конкурс проєктів розвитку громадянського суспільства", "Полтавська обласна рада", "info",
            ["Обласна рада вирішила провести у 2024 році обласний конкурс проєктів інститутів громадянського суспільства.",
             "Рішення втратило чинність у зв’язку із завершенням конкурсу."],
            Status: DocumentStatus.Lapsed),
    ];

    public static async Task LoadAsync(VisnykDb db, IReadOnlyDictionary<string, Department> departments, DateTime at, CancellationToken ct)
    {
        var documents = new List<Article>();
        foreach (var demo in Register)
        {
            var signed = DateOnly.ParseExact(demo.Signed, "yyyy-MM-dd");
            var heading = $"{DocumentNames.Type(demo.Type)} № {demo.Number} від {signed:dd.MM.yyyy}";
            var pdf = DocumentPdf.Write($"{heading}. {demo.Title}", [$"{demo.IssuedBy}.", .. demo.Paragraphs, Note]);
            var key = Convert.ToHexStringLower(SHA256.HashData(pdf));
            var text = DocumentText.Extract(pdf, ct);
            db.FileContents.Add(new FileContent { Key = key, Data = pdf });
            var check = DocumentFile.Inspect(pdf).File!;
            var document = new Article
            {
                Kind = ArticleKind.Document,
                Title = demo.Title,
                Slug = Transliteration.Slugify(demo.Title),
                Summary = "",
                Body = $"<p><strong>{Note}</strong></p>\n" + BodySanitizer.Clean(text?.Html ?? ""),
                Status = ArticleStatus.Published,
                // Published on the day it was signed, at noon Kyiv time (never later than the demo's "now").
                PublishedAt = Min(KyivTime.ToUtc(signed.ToDateTime(new TimeOnly(12, 0))), at),
                UpdatedAt = Min(KyivTime.ToUtc(signed.ToDateTime(new TimeOnly(12, 0))), at),
                DocType = demo.Type,
                DocNumber = demo.Number,
                NumberKey = DocumentNumbers.Key(demo.Number),
                SignedOn = signed,
                IssuedBy = demo.IssuedBy,
                DocStatus = demo.Status,
                Departments = [departments[demo.Department]],
                Files = [new SignedFile { Key = key, FileName = $"{Transliteration.Slugify(heading)}.pdf", Kind = check.Kind, Bytes = pdf.Length, Inline = check.Inline, Pages = check.PageCount }],
            };
            documents.Add(document);
        }
        db.Articles.AddRange(documents);
        await db.SaveChangesAsync(ct);
        foreach (var (demo, document) in Register.Zip(documents))
        {
            if (demo.Amends is { } target)
            {
                document.Relations.Add(new DocumentRelation { ToId = documents[target].Id, Kind = RelationKind.Amends });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
