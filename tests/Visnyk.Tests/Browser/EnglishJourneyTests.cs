using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using static Microsoft.Playwright.Assertions;
using static Visnyk.Tests.Browser.KeyboardOnly;

namespace Visnyk.Tests.Browser;

// The English version's "done when", in headless Chromium against a real SMTP server: a reader
// subscribes in English; an editor translates the reference article in the newsroom and submits
// it; a chief editor publishes it; the English page carries hreflang both ways and its switch leads
// to the original and back; English search finds it by another form of a word it has; and the
// English reader's alert arrives, in English, about it alone.
[Trait("Category", "Browser")]
public class EnglishJourneyTests(NewsletterBrowserSite fixture) : IClassFixture<NewsletterBrowserSite>
{
    MailSite Site => fixture.Site;

    const string Title = "Members of the Poltava Region 1325 Coalition held a meeting with the EU Advisory Mission in Ukraine";

    [Fact]
    public async Task An_editor_translates_the_reference_article_a_chief_publishes_it_and_English_readers_find_and_get_it()
    {
        var reference = await WithoutDemoTranslationAsync();
        var reader = Mail.NewAddress("partner");
        await using var readerContext = await fixture.NewContextAsync();
        var page = await readerContext.NewPageAsync();
        var main = page.GetByRole(AriaRole.Main);

        // 1. A partner abroad signs up for every English article, and confirms from the mail.
        await page.GotoAsync("/en/subscribe");
        await main.GetByLabel("Your e-mail address").FillAsync(reader);
        await main.GetByLabel("All news", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "as soon as published" });
        await main.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await AtAsync(page, "/en/subscribe/sent$");
        var confirmation = await Site.Smtp.MessageAsync((await Site.Smtp.WaitForAsync(reader)).Single());
        Assert.StartsWith("Confirm your news subscription", confirmation.Subject);
        await page.GotoAsync(Mail.Link(confirmation, "/en/subscribe/confirm/"));
        await main.GetByRole(AriaRole.Button, new() { Name = "Confirm subscription" }).ClickAsync();
        await AtAsync(page, "/en/subscribe/manage/");
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Your subscription is confirmed");

        // 2. The department's editor: "Додати переклад англійською" on the original, the text written over in English, sent for review.
        var editorAccount = await Site.CreateAsync(Roles.Editor, [reference.Department]);
        await using var editorContext = await fixture.NewContextAsync();
        var editor = await SignInAsync(editorContext, editorAccount);
        await editor.GotoAsync($"/admin/articles/edit/{reference.Id}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Додати переклад англійською" }).ClickAsync();
        await AtAsync(editor, @"/admin/articles/edit/\d+$");
        var id = int.Parse(editor.Url.Split('/').Last());
        Assert.NotEqual(reference.Id, id);
        // The original beside the form, the form starting from its text.
        await Expect(editor.Locator(".translation-original")).ToContainTextAsync(DemoContent.ReferenceTitle);
        await editor.FillAsync("#Form_Title", Title);
        await editor.FillAsync("#Form_Summary", "Security, support for survivors and mental health: the Coalition’s members at a meeting with the EUAM.");
        await editor.FocusAsync(".rich-text__content");
        await editor.Keyboard.PressAsync("Control+a");
        await editor.Keyboard.TypeAsync("Security issues and the recovery of residents were discussed today at a meeting of the EU Advisory Mission in Ukraine with members of the Poltava Region 1325 Coalition.");
        await editor.Keyboard.PressAsync("Enter");
        await editor.Keyboard.TypeAsync("Special thanks to the SOS Children’s Villages space for hosting the meeting.");
        await editor.FillAsync("#Form_LeadAlt", "Members of the Coalition and EUAM representatives at the meeting");
        for (var i = 0; await editor.Locator($"#gallery-alt-{i}").CountAsync() > 0; i++)
        {
            await editor.FillAsync($"#gallery-alt-{i}", $"The meeting with the EUAM, photo {i + 2}");
        }
        await editor.ClickAsync("button[formaction*='handler=Submit']");
        await Expect(editor.GetByRole(AriaRole.Main)).ToContainTextAsync("Надіслано на перевірку");

        // 3. The chief editor publishes it.
        var chiefAccount = await Site.CreateAsync(Roles.ChiefEditor);
        await using var chiefContext = await fixture.NewContextAsync();
        var chief = await SignInAsync(chiefContext, chiefAccount);
        await chief.GotoAsync($"/admin/articles/edit/{id}");
        await Expect(chief.Locator(".translation-original")).ToContainTextAsync(DemoContent.ReferenceTitle);
        await chief.ClickAsync("button[formaction*='handler=Publish']");
        await Expect(chief.GetByRole(AriaRole.Main)).ToContainTextAsync("Опубліковано");
        Article translation;
        await using (Site.Scope(out var db))
        {
            translation = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        }
        Assert.Equal((ArticleStatus.Published, "en", reference.Id), (translation.Status, translation.Language, translation.OriginalId));
        var english = translation.Path;
        var original = $"/news/{reference.Id}-{reference.Slug}";
        // Its address from its English title.
        Assert.StartsWith($"/en/news/{id}-members-of-the-poltava-region-1325-coalition-held-a-meeting", english);

        // 4. The English page: in English, hreflang both ways, its switch to the original and from there back.
        await page.GotoAsync(english);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(Title);
        Assert.Equal(Alternates(original, english), await AlternatesAsync(page));
        var toUkrainian = page.Locator(".language-switch a");
        Assert.Equal("uk", await toUkrainian.GetAttributeAsync("hreflang"));
        await toUkrainian.ClickAsync();
        await AtAsync(page, $"{original}$");
        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(DemoContent.ReferenceTitle);
        Assert.Equal(Alternates(original, english), await AlternatesAsync(page));
        var toEnglish = page.Locator(".language-switch a");
        Assert.Equal("en", await toEnglish.GetAttributeAsync("hreflang"));
        await toEnglish.ClickAsync();
        await AtAsync(page, $"{english}$");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Title);

        // 5. The header's search, in English: "meetings" finds it, though its text says "meeting".
        Assert.DoesNotContain("meetings", translation.Title + translation.Summary + translation.Body, StringComparison.OrdinalIgnoreCase);
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox).FillAsync("meetings");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox).PressAsync("Enter");
        await AtAsync(page, "/en/search\\?q=meetings");
        var hit = main.Locator(".search-result", new() { Has = page.Locator($".search-result__title a[href='{english}']") });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit.Locator("mark").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^meeting$", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(main.Locator($".search-result__title a[href='{original}']")).ToHaveCountAsync(0);

        // 6. The English reader's mail, every mailing settled: the confirmation and one alert, in English, about the translation.
        var inbox = await Site.SettledAsync(reader);
        Assert.Equal(2, inbox.Count);
        var alert = await Site.Smtp.MessageAsync(inbox.Single(m => m.Subject != confirmation.Subject));
        Assert.Equal(Title, alert.Subject);
        Assert.Equal("en", new HtmlParser().ParseDocument(alert.HtmlBody!).DocumentElement.GetAttribute("lang"));
        Assert.Contains("New on the", alert.TextBody);
        Assert.Contains(MailSite.PublicUrl + english, alert.TextBody);
        Assert.DoesNotContain(MailSite.PublicUrl + original, alert.TextBody);
        Assert.StartsWith($"<{MailSite.PublicUrl}/en/unsubscribe/", alert.Headers["List-Unsubscribe"]);
    }

    record Reference(int Id, string Slug, string Department);

    // The reference article as a site has it before anyone translated it: the demo ships an English
    // version, which is taken down and unlinked here, through the article's own life (so the
    // index and the caches forget it), before the site is seen by anyone.
    async Task<Reference> WithoutDemoTranslationAsync()
    {
        await using var scope = Site.Scope(out var db);
        var reference = await db.Articles.Include(a => a.Departments).SingleAsync(a => a.Title == DemoContent.ReferenceTitle && a.Language == "uk");
        var demo = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).SingleAsync(a => a.OriginalId == reference.Id && a.Language == "en");
        var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
        Assert.Equal(Outcome.Done, await publishing.RunAsync(demo, ArticleAction.Remove, Actor.Site("test"), publishing.Start(demo), new ActionRequest(Why: "the journey writes its own"), default));
        demo.OriginalId = null;
        await db.SaveChangesAsync();
        return new(reference.Id, reference.Slug, reference.Departments.OrderBy(d => d.Position).First().Slug);
    }

    static Dictionary<string, string> Alternates(string original, string english) =>
        new() { ["uk"] = original, ["en"] = english, ["x-default"] = original };

    static async Task<Dictionary<string, string>> AlternatesAsync(IPage page) =>
        (await page.Locator("link[rel=alternate][hreflang]").EvaluateAllAsync<string[][]>("links => links.map(l => [l.hreflang, l.href])"))
            .ToDictionary(l => l[0], l => new Uri(l[1]).AbsolutePath);

    static Task AtAsync(IPage page, string address) =>
        Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(address), new() { Timeout = 30_000 });
}
