using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Documents;
using Visnyk.Tests.Caching;
using Visnyk.Tests.Newsroom;
using static Visnyk.Tests.Pages.News.JsonLd;

namespace Visnyk.Tests.Documents;

// The register of official documents as residents, search engines and editors use it: the list
// with its filters and lookup by number, a document's page with its particulars, relations and
// signed files, and the editor's way in: files checked from their bytes, the text taken from the
// PDF, found by /search by its number and by a word form inside the PDF.
public class RegisterTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task<AngleSharp.Html.Dom.IHtmlDocument> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    static async Task<List<string>> ListedAsync(HttpClient client, string query) =>
        (await ReadAsync(client, "/documents" + query)).QuerySelectorAll(".documents__heading a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task The_register_filters_by_kind_year_and_status_and_finds_a_document_by_its_number()
    {
        var reader = site.Browserless();
        Assert.Equal(["Розпорядження № 310 від 20.06.2025", "Розпорядження № 123 від 12.03.2025", "Наказ № 45-од від 03.02.2025", "Рішення № 12 від 15.01.2024"],
            await ListedAsync(reader, ""));
        Assert.Equal(["Наказ № 45-од від 03.02.2025"], await ListedAsync(reader, "?type=Nakaz"));
        Assert.Equal(["Рішення № 12 від 15.01.2024"], await ListedAsync(reader, "?year=2024"));
        Assert.Equal(["Рішення № 12 від 15.01.2024"], await ListedAsync(reader, "?status=Lapsed"));
        Assert.Equal(["Розпорядження № 310 від 20.06.2025", "Розпорядження № 123 від 12.03.2025"],
            await ListedAsync(reader, "?issuer=" + Uri.EscapeDataString("Начальник обласної військової адміністрації")));

        foreach (var asked in new[] { "123", "№123", "розпорядження № 123 від 12.03.2025", "Розпорядження 123" })
        {
            var page = await ReadAsync(reader, "/documents?number=" + Uri.EscapeDataString(asked));
            Assert.Equal("Розпорядження № 123 від 12.03.2025", page.QuerySelector("[role=status] .notice a")?.TextContent);
        }
        Assert.Equal(["Наказ № 45-од від 03.02.2025"], await ListedAsync(reader, "?number=" + Uri.EscapeDataString("№ 45-ОД")));
        // The right number with the wrong date or kind is not that document.
        Assert.Empty(await ListedAsync(reader, "?number=" + Uri.EscapeDataString("розпорядження № 123 від 13.03.2025")));
        Assert.Empty(await ListedAsync(reader, "?number=" + Uri.EscapeDataString("наказ № 123")));
        Assert.Empty(await ListedAsync(reader, "?number=999"));

        // Hostile values: a clear 4xx, never a 5xx.
        foreach (var hostile in new[] { "?year=abc", "?page=0", "?page=abc", "?year=1&year=2&page=1&page=2", "?number=%00", "?type=../../etc" })
        {
            var status = (int)(await reader.GetAsync("/documents" + hostile)).StatusCode;
            Assert.True(status is 200 or 400, $"/documents{hostile}: {status}");
        }
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/documents?year=99999&number=" + new string('1', 5000))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/documents?page=99")).StatusCode);
    }

    [Fact]
    public async Task A_document_page_shows_its_particulars_relations_and_files_and_describes_itself_as_Legislation()
    {
        var reader = site.Browserless();
        int amended, amending;
        await using (var scope = site.Scope(out var db))
        {
            amended = await db.Documents.Where(d => d.DocNumber == "123").Select(d => d.Id).SingleAsync();
            amending = await db.Documents.Where(d => d.DocNumber == "310").Select(d => d.Id).SingleAsync();
        }
        var list = await ReadAsync(reader, "/documents?number=123");
        var path = list.QuerySelector("[role=status] .notice a")!.GetAttribute("href")!;
        Assert.StartsWith($"/documents/{amended}-", path);
        var page = await ReadAsync(reader, path);
        Assert.Equal("Розпорядження № 123 від 12.03.2025", page.QuerySelector(".document__heading")!.TextContent);
        Assert.Contains("Змінено", page.QuerySelector(".document__particulars")!.TextContent);
        var relation = Assert.Single(page.QuerySelectorAll(".document__relations li"));
        Assert.StartsWith("Змінено документом: Розпорядження № 310", relation.TextContent);
        Assert.StartsWith($"/documents/{amending}-", relation.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("субсидій", page.QuerySelector("#document-text ~ .article__body")!.TextContent);
        // And the other way round.
        var other = await ReadAsync(reader, relation.QuerySelector("a")!.GetAttribute("href")!);
        Assert.StartsWith("Змінює: Розпорядження № 123", Assert.Single(other.QuerySelectorAll(".document__relations li")).TextContent);

        // The signed PDF, plain: opened in the browser; its text is the document's.
        var link = Assert.Single(page.QuerySelectorAll(".document-files a"));
        var file = await reader.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", file.Content.Headers.ContentDisposition?.DispositionType);
        var text = DocumentText.Extract(await file.Content.ReadAsByteArrayAsync())!;
        Assert.Contains("субсидій", text.Plain);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/documents/files/1-" + new string('0', 64) + ".pdf")).StatusCode);

        var expanded = await ExpandAsync(Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent);
        var untyped = Nodes(expanded).Where(n => Types(n).Count == 0).Select(n => n.GetRawText()).ToList();
        Assert.True(untyped.Count == 0, $"JSON-LD nodes without @type:\n{string.Join("\n", untyped)}");
        var legislation = Assert.Single(expanded.EnumerateArray(), n => Types(n).Contains("Legislation"));
        Assert.Equal("123", Value(legislation, "legislationIdentifier"));
        Assert.Equal("2025-03-12", Value(legislation, "legislationDate"));
        Assert.Equal("Розпорядження", Value(legislation, "legislationType"));
        Assert.Equal(["MediaObject"], Types(Assert.Single(Values(legislation, "encoding"))));

        // Another slug leads to the document's own address; listed for search engines.
        Assert.Equal(HttpStatusCode.MovedPermanently, (await reader.GetAsync($"/documents/{amended}-inshe")).StatusCode);
        Assert.Contains($"<loc>http://localhost{path}</loc>", await reader.GetStringAsync("/sitemaps/documents.xml"));
    }

    [Fact]
    public async Task An_editor_publishes_a_document_with_a_PDF_and_residents_find_it_by_number_and_by_a_word_inside()
    {
        int social;
        await using (var scope = site.Scope(out var db))
        {
            social = (await db.Departments.SingleAsync(d => d.Slug == "departament-sotsialnoho-zakhystu-naselennia")).Id;
        }
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-sotsialnoho-zakhystu-naselennia"]));
        var pdf = DocumentPdf.Write("Розпорядження № 777-р", ["Про надання одноразової матеріальної допомоги багатодітним родинам області.", "Виплати здійснюються з обласного бюджету."]);
        (string, string)[] fields =
        [
            ("Form.Title", "Про одноразову матеріальну допомогу багатодітним родинам"), ("Form.Departments", social.ToString()),
            ("Form.IsDocument", "true"), ("Form.DocType", "Rozporiadzhennia"), ("Form.DocNumber", "777-р"), ("Form.SignedOn", "2025-11-20"),
            ("Form.IssuedBy", "Начальник обласної військової адміністрації"), ("Form.DocStatus", "InForce"),
        ];

        // A picture passed off as a PDF is refused with a reason, and nothing is saved.
        var before = await CountAsync();
        var refused = await PostAsync(editor, "/admin/documents/edit", "Submit", fields, ("Form.DocFiles", "rozporiadzhennia.pdf", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("не прийнято", new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form__errors")!.TextContent);
        Assert.Equal(before, await CountAsync());

        // The department's editor submits it; the chief editor publishes it.
        var submitted = await PostAsync(editor, "/admin/documents/edit", "Submit", fields, ("Form.DocFiles", "777.pdf", pdf));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var id = int.Parse(submitted.Headers.Location!.OriginalString.Split('/')[^1]);
        string body;
        await using (var scope = site.Scope(out var db))
        {
            // The text version the editor's form now holds: taken from the PDF.
            body = await db.Documents.Where(d => d.Id == id).Select(d => d.Body).SingleAsync();
        }
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var published = await PostAsync(chief, $"/admin/documents/edit/{id}", "Publish", [.. fields, ("Form.Body", body)]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            var document = await db.Documents.Include(d => d.Files).SingleAsync(d => d.Id == id);
            Assert.Equal(ArticleStatus.Published, document.Status);
            Assert.Contains("багатодітним родинам", document.Body); // the text version, from the PDF
            Assert.Equal("777-р", document.NumberKey);
            Assert.True(Assert.Single(document.Files).Inline);
        }

        var reader = site.Browserless();
        var byNumber = await ReadAsync(reader, "/documents?number=" + Uri.EscapeDataString("розпорядження № 777-Р від 20.11.2025"));
        Assert.StartsWith($"/documents/{id}-", byNumber.QuerySelector("[role=status] .notice a")?.GetAttribute("href"));
        await Visnyk.Tests.Search.SearchSite.CaughtUpAsync(site);
        // "багатодітних" is not in the PDF ("багатодітним" is): the Ukrainian stems find it.
        var found = await ReadAsync(reader, "/search?q=" + Uri.EscapeDataString("допомога багатодітних"));
        Assert.Contains(found.QuerySelectorAll(".search-documents__item a"), a => a.GetAttribute("href")!.StartsWith($"/documents/{id}-"));
        var byWord = await ReadAsync(reader, "/search?q=" + Uri.EscapeDataString("розпорядження 777-р"));
        Assert.Contains(byWord.QuerySelectorAll(".search-documents__item a"), a => a.GetAttribute("href")!.StartsWith($"/documents/{id}-"));
        // The facet of kinds: the documents alone, by a link that keeps the words, as many as it counted.
        var documentsOnly = byWord.QuerySelector(".search-kinds a[href*='kind=documents']")!;
        var counted = int.Parse(documentsOnly.QuerySelector(".count")!.TextContent.Trim('(', ')'));
        var onlyDocuments = await ReadAsync(reader, documentsOnly.GetAttribute("href")!);
        Assert.Contains("Документи", onlyDocuments.QuerySelector(".search-kinds [aria-current=page]")!.TextContent);
        Assert.Equal(counted, onlyDocuments.QuerySelectorAll(".search-documents__item").Length);
        Assert.Contains(onlyDocuments.QuerySelectorAll(".search-documents__item a"), a => a.GetAttribute("href")!.StartsWith($"/documents/{id}-"));
        Assert.Empty(onlyDocuments.QuerySelectorAll(".search-result"));
        Assert.Equal("розпорядження 777-р", onlyDocuments.QuerySelector("#search-q")!.GetAttribute("value"));
        // The news alone (a page of its own in the cache): no documents; an unknown kind is all of them.
        var newsOnly = await ReadAsync(reader, "/search?kind=news&q=" + Uri.EscapeDataString("розпорядження 777-р"));
        Assert.Empty(newsOnly.QuerySelectorAll(".search-documents__item"));
        var unknownKind = await ReadAsync(reader, "/search?kind=%3Cb%3E&q=" + Uri.EscapeDataString("розпорядження 777-р"));
        Assert.NotEmpty(unknownKind.QuerySelectorAll(".search-documents__item"));
        // Under a news article on the same matter, the document; under one on another, no documents.
        Article aboutIt, aboutElse;
        await using (var scope = site.Scope(out var db))
        {
            aboutIt = Visnyk.Tests.Search.SearchSite.Published("Багатодітним родинам області виплатять одноразову допомогу",
                "<p>Одноразову матеріальну допомогу багатодітним родинам області виплатять з обласного бюджету до кінця року.</p>", DateTime.UtcNow.AddMinutes(-3));
            // Two words in common (обласний бюджет) are not a matter in common.
            aboutElse = Visnyk.Tests.Search.SearchSite.Published("Обласний бюджет профінансує ремонт мосту через Ворсклу",
                "<p>Рух мостом відновлять після ремонту опор.</p>", DateTime.UtcNow.AddMinutes(-3));
            db.Articles.AddRange(aboutIt, aboutElse);
            await db.SaveChangesAsync();
        }
        await Visnyk.Tests.Search.SearchSite.CaughtUpAsync(site);
        var related = (await ReadAsync(reader, aboutIt.Path)).QuerySelectorAll(".related-documents a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(related, href => href!.StartsWith($"/documents/{id}-"));
        Assert.Null((await ReadAsync(reader, aboutElse.Path)).QuerySelector(".related-documents"));

        // Documents are not news: not in the news list, nor in the news search results.
        Assert.DoesNotContain("багатодітним", await reader.GetStringAsync("/news"));
        Assert.DoesNotContain(found.QuerySelectorAll(".search-result a"), a => a.GetAttribute("href")!.Contains($"/{id}-"));

        // Another department's editor may not change it, nor write on its page by cancelling it from a document of theirs.
        var otherEditor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherEditor.GetAsync($"/admin/documents/edit/{id}")).StatusCode);
        int education;
        await using (var scope = site.Scope(out var db))
        {
            education = (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
        }
        var cancelling = await PostAsync(otherEditor, "/admin/documents/edit", "Save",
            [("Form.Title", "Про скасування"), ("Form.Departments", education.ToString()), ("Form.IsDocument", "true"), ("Form.DocType", "Nakaz"),
             ("Form.DocNumber", "1-с"), ("Form.SignedOn", "2025-11-21"), ("Form.DocStatus", "InForce"), ("Form.Cancels", id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, cancelling.StatusCode);
        Assert.Contains("інший підрозділ", new HtmlParser().ParseDocument(await cancelling.Content.ReadAsStringAsync()).QuerySelector(".form__errors")!.TextContent);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.DocumentRelations.AnyAsync(r => r.ToId == id));
        }
    }

    [Fact]
    public async Task A_files_address_answers_only_while_its_document_is_public_and_Word_files_lose_their_authors()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var docx = TestDocuments.Docx();
        (string, string)[] fields =
        [
            ("Form.Title", "Про план заходів на 2026 рік"), ("Form.IsDocument", "true"), ("Form.DocType", "Nakaz"), ("Form.DocNumber", "88"),
            ("Form.SignedOn", "2025-12-01"), ("Form.DocStatus", "InForce"),
        ];
        var saved = await PostAsync(chief, "/admin/documents/edit", "Save", fields, ("Form.DocFiles", "plan.docx", docx));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1]);
        SignedFile file;
        await using (var scope = site.Scope(out var db))
        {
            file = Assert.Single(await db.SignedFiles.Where(f => f.ArticleId == id).ToListAsync());
            var kept = await db.FileContents.Where(c => c.Key == file.Key).Select(c => c.Data).SingleAsync();
            Assert.Equal(DocumentKind.Docx, file.Kind);
            Assert.False(file.Inline);
            // Kept without its people's names (the upload had them).
            Assert.Equal(TestDocuments.Author, DocumentFile.Inspect(docx).File!.Metadata.Author);
            Assert.Null(DocumentFile.Inspect(kept).File!.Metadata.Author);
        }
        var reader = site.Browserless();
        // A draft's file: not public; the newsroom has it.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(file.Path)).StatusCode);
        var own = await chief.GetAsync("/admin" + file.Path);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        // The preview link's reader gets the file through the link, and only that document's.
        string preview;
        await using (var scope = site.Scope(out var db))
        {
            preview = scope.ServiceProvider.GetRequiredService<Visnyk.Newsroom.Previews>().Link(await db.Documents.SingleAsync(d => d.Id == id));
        }
        var previewed = await ReadAsync(reader, preview);
        var linked = previewed.QuerySelector(".document-files a")!.GetAttribute("href")!;
        Assert.Equal(preview + file.Path, linked);
        var throughPreview = await reader.GetAsync(linked);
        Assert.Equal(HttpStatusCode.OK, throughPreview.StatusCode);
        Assert.Equal(await own.Content.ReadAsByteArrayAsync(), await throughPreview.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", throughPreview.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(preview + "x" + file.Path)).StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            // A demonstration document's file, public at its own address: not through this link.
            var otherFile = await db.SignedFiles.AsNoTracking().FirstAsync(f => f.ArticleId != id);
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(preview + otherFile.Path)).StatusCode);
        }

        // Not before a second factor: a chief editor who has not set one up is sent to do so first.
        var unenrolled = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor, twoFactor: false));
        var gated = await unenrolled.GetAsync("/admin" + file.Path);
        Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
        Assert.Equal("/admin/account/two-factor", gated.Headers.Location?.OriginalString);

        var published = await PostAsync(chief, $"/admin/documents/edit/{id}", "Publish", fields);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var download = await reader.GetAsync(file.Path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        // The register's list is cached and follows the publication of a new document.
        await SiteEvictionTests.CachedAsync(reader, "/documents");
        var withdrawn = await PostAsync(chief, $"/admin/documents/edit/{id}", "Withdraw", fields);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.DoesNotContain("Наказ № 88 від", await reader.GetStringAsync("/documents"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(file.Path)).StatusCode);
    }

    async Task<int> CountAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.Documents.CountAsync();
    }

    static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, (string Name, string Value)[] fields, params (string Field, string FileName, byte[] Data)[] files)
    {
        var token = await client.AntiforgeryTokenAsync(path);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, data) in files)
        {
            form.Add(new ByteArrayContent(data), field, fileName);
        }
        return await client.PostAsync($"{path}?handler={handler}", form);
    }
}

// The register and the people in the open-data API, as a machine reads them.
public class RegisterApiTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task<System.Text.Json.JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Documents_and_people_are_open_data_with_their_licence()
    {
        var client = site.CreateClient();
        var all = await JsonAsync(await client.GetAsync("/api/v1/documents"));
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal("CC BY 4.0", all.GetProperty("licence").GetProperty("name").GetString());
        var order = Assert.Single((await JsonAsync(await client.GetAsync("/api/v1/documents?type=Nakaz"))).GetProperty("items").EnumerateArray());
        Assert.Equal("45-од", order.GetProperty("number").GetString());
        var found = Assert.Single((await JsonAsync(await client.GetAsync("/api/v1/documents?number=" + Uri.EscapeDataString("розпорядження № 310")))).GetProperty("items").EnumerateArray());
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/documents/{found.GetProperty("id").GetInt32()}"));
        var relation = Assert.Single(detail.GetProperty("relations").EnumerateArray());
        Assert.Equal("amends", relation.GetProperty("relation").GetString());
        var file = Assert.Single(detail.GetProperty("files").EnumerateArray());
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(file.GetProperty("url").GetString())).StatusCode);

        foreach (var bad in new[] { "?type=Bogus", "?status=1", "?year=99999", "?year=abc", "?page=0", "?pageSize=1000" })
        {
            var response = await client.GetAsync("/api/v1/documents" + bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/documents/999999")).StatusCode);

        // The register's feeds, read by a real feed parser.
        foreach (var format in new[] { "rss", "atom" })
        {
            using var xml = System.Xml.XmlReader.Create(await client.GetStreamAsync($"/feeds/documents.{format}"));
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(xml);
            Assert.Equal(4, feed.Items.Count());
            var newest = feed.Items.First();
            Assert.StartsWith("Розпорядження № 310 від 20.06.2025", newest.Title.Text);
            var enclosure = Assert.Single(newest.Links, l => l.RelationshipType == "enclosure");
            Assert.Equal("application/pdf", enclosure.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(enclosure.Uri)).StatusCode);
        }

        var people = await JsonAsync(await client.GetAsync("/api/v1/people"));
        var head = people.GetProperty("items").EnumerateArray().First();
        Assert.Equal("Петренко Андрій Васильович", head.GetProperty("name").GetString());
        Assert.Equal("+380 (532) 56-02-47", head.GetProperty("phone").GetString());
    }
}
