using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsletter;
using static Microsoft.Playwright.Assertions;

namespace Visnyk.Tests.Browser;

// The site with its mail going to the shared smtp4dev (a MailSite), on a real port, and one
// headless Chromium. Links in the mail point at MailSite.PublicUrl; the browser follows them
// here, at the same path on BaseAddress.
public sealed class NewsletterBrowserSite : IAsyncLifetime
{
    readonly MailSite site = new();
    IPlaywright? playwright;
    IBrowser? browser;

    public MailSite Site => site;
    public Smtp4dev Smtp => site.Smtp;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // smtp4dev first (MailSite's configuration asks for its port), off the test's thread.
        await Task.Run(() => Smtp4dev.Shared);
        site.UseKestrel(0);
        site.StartServer();
        BaseAddress = site.ClientOptions.BaseAddress;
        playwright = await Playwright.CreateAsync();
        browser = await BrowserSite.LaunchAsync(playwright);
    }

    public Task<IBrowserContext> NewContextAsync() =>
        browser!.NewContextAsync(new() { ViewportSize = BrowserSite.Desktop, BaseURL = BaseAddress.ToString(), Locale = "uk-UA", ServiceWorkers = ServiceWorkerPolicy.Block });

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await site.DisposeAsync();
    }
}

// The "done when", in a real browser against a real SMTP server: a resident subscribes,
// confirms, receives an immediate alert and a digest, changes preferences and unsubscribes in one
// click, and then gets nothing more.
[Trait("Category", "Browser")]
public class NewsletterJourneyTests(NewsletterBrowserSite fixture) : IClassFixture<NewsletterBrowserSite>
{
    const string Education = "departament-osvity-i-nauky";

    MailSite Site => fixture.Site;
    Smtp4dev Smtp => fixture.Smtp;

    [Fact]
    public async Task A_resident_subscribes_confirms_gets_alerts_and_digests_changes_preferences_and_leaves_in_one_click()
    {
        var email = Mail.NewAddress("oksana");
        Departments.Department education;
        await using (var scope = Site.Scope(out var db))
        {
            education = await db.Departments.AsNoTracking().SingleAsync(d => d.Slug == Education);
        }
        var (departmentId, departmentName) = (education.Id, education.Name);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var main = page.GetByRole(AriaRole.Main);

        // 1. From the sign-up block on the home page to the full form: all news at once, one department daily.
        await page.GotoAsync("/");
        var block = page.GetByRole(AriaRole.Region, new() { Name = "Надсилаємо найсвіжіший дайджест новин" });
        await block.GetByRole(AriaRole.Link, new() { Name = "Обрати департаменти і теми" }).ClickAsync();
        await AtAsync(page, "/subscribe$");
        await main.GetByLabel("Ваша електронна пошта").FillAsync(email);
        await main.GetByLabel("Усі новини", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "одразу після публікації" });
        var department = main.GetByLabel(departmentName, new() { Exact = true });
        Assert.Equal($"topic-d{departmentId}", await department.GetAttributeAsync("id"));
        await department.SelectOptionAsync(new SelectOptionValue { Label = "щоденний дайджест" });
        await main.GetByRole(AriaRole.Button, new() { Name = "Підписатися" }).ClickAsync();
        await AtAsync(page, "/subscribe/sent$");
        Assert.Equal("Перевірте пошту", await main.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());

        // 2. The confirmation mail's link asks first; the button subscribes and opens the manage page.
        var confirmation = await Smtp.MessageAsync((await Smtp.WaitForAsync(email)).Single());
        Assert.StartsWith("Підтвердіть підписку", confirmation.Subject);
        await page.GotoAsync(Mail.Link(confirmation, "/subscribe/confirm/"));
        Assert.Contains(email, await main.InnerTextAsync());
        await main.GetByRole(AriaRole.Button, new() { Name = "Підтвердити підписку" }).ClickAsync();
        await AtAsync(page, "/subscribe/manage/");
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Підписку підтверджено");
        Assert.Equal("immediately", await main.Locator("#topic-all").InputValueAsync());
        Assert.Equal("daily", await main.Locator($"#topic-d{departmentId}").InputValueAsync());

        // 3. An article published: an alert at once, with the one-click unsubscribe headers.
        var news = await Site.PublishAsync("Відкрито новий пункт незламності на Подолі");
        var alert = await MailAsync(email, 2, m => m.Subject == news.Title);
        Assert.Contains(MailSite.PublicUrl + news.Path, alert.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", alert.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith($"<{MailSite.PublicUrl}/unsubscribe/", alert.Headers["List-Unsubscribe"]);

        // 4. A department's article (alerted too: all news is "immediately"), then the day's digest.
        var school = await Site.PublishAsync("У школах області відкрили нові укриття", Education);
        await MailAsync(email, 3, m => m.Subject == school.Title);
        await DecideDigestAsync(MailingKind.DailyDigest);
        var daily = await MailAsync(email, 4, m => (m.Subject ?? "").StartsWith("Новини за добу"));
        Assert.Contains(school.Title, daily.TextBody);
        Assert.Contains(MailSite.PublicUrl + school.Path, daily.TextBody);
        Assert.Contains(departmentName, daily.TextBody);
        // Only what was chosen daily: the article without the department came as an alert only.
        Assert.DoesNotContain(news.Title, daily.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", daily.Headers["List-Unsubscribe-Post"]);

        // 5. The manage link from the digest: the department weekly, all news no more.
        await page.GotoAsync(Mail.Link(daily, "/subscribe/manage/"));
        Assert.Contains(email, await main.InnerTextAsync());
        await main.GetByLabel("Усі новини", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "не надсилати" });
        await main.GetByLabel(departmentName, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "щотижневий дайджест" });
        await main.GetByRole(AriaRole.Button, new() { Name = "Зберегти зміни" }).ClickAsync();
        await AtAsync(page, "saved=true");
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Зміни збережено");
        Assert.Equal("", await main.Locator("#topic-all").InputValueAsync());
        Assert.Equal("weekly", await main.Locator($"#topic-d{departmentId}").InputValueAsync());
        await using (var scope = Site.Scope(out var db))
        {
            var subscriber = await db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).SingleAsync(s => s.Email == email);
            var only = Assert.Single(subscriber.Subscriptions);
            Assert.Equal((TopicKind.Department, departmentId, Frequency.Weekly), (only.Kind, only.TopicId, only.Frequency));
        }

        // The change holds: a neighbour who wants everything at once gets the next article, the
        // resident does not; the week's digest brings the department's news.
        var neighbour = Mail.NewAddress("neighbour");
        await Site.SubscriberAsync(neighbour, Frequency.Immediately);
        var later = await Site.PublishAsync("Графік руху тролейбусів змінено");
        await Smtp.WaitForAsync(neighbour, 1);
        await using (var scope = Site.Scope(out var db))
        {
            var alertKey = Mailing.AlertKey(later.Id);
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == email && db.Set<Mailing>().Any(m => m.Id == d.MailingId && m.Key == alertKey)));
        }
        Assert.Equal(4, (await Smtp.MessagesToAsync(email)).Count);
        await DecideDigestAsync(MailingKind.WeeklyDigest);
        var weekly = await MailAsync(email, 5, m => (m.Subject ?? "").StartsWith("Новини тижня"));
        Assert.Contains(school.Title, weekly.TextBody);
        Assert.DoesNotContain(later.Title, weekly.TextBody);

        // 6. The digest's unsubscribe link: one button, pressed once; opened again, it asks nothing.
        var unsubscribe = Mail.Link(weekly, "/unsubscribe/");
        Assert.Equal($"<{MailSite.PublicUrl}{unsubscribe}>", weekly.Headers["List-Unsubscribe"]);
        await page.GotoAsync(unsubscribe);
        Assert.Contains("Більше не надсилати щотижневого дайджесту?", await main.InnerTextAsync());
        await main.GetByRole(AriaRole.Button, new() { Name = "Відписатися", Exact = true }).ClickAsync();
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Ви відписалися");
        await page.GotoAsync(unsubscribe);
        await Expect(main.GetByRole(AriaRole.Status)).ToContainTextAsync("Ви відписалися");
        Assert.Equal(0, await main.GetByRole(AriaRole.Button).CountAsync());
        await using (var scope = Site.Scope(out var db))
        {
            // Nothing was left, so nothing of the address is kept.
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
        }

        // 7. Nothing more: the neighbour's alert for the department's next article arrives, the resident's never does.
        await Site.PublishAsync("Ще одна новина освіти після відписки", Education);
        await Smtp.WaitForAsync(neighbour, 2);
        await DecideDigestAsync(MailingKind.WeeklyDigest);
        await DecideDigestAsync(MailingKind.DailyDigest);
        await using (var scope = Site.Scope(out var db))
        {
            await Mail.EventuallyAsync(() => db.Mailings.AnyAsync(m => m.ExpandedAt == null), pending => !pending);
            Assert.False(await db.Mailings.AnyAsync(m => m.ExpandedAt == null));
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == email));
        }
        Assert.Equal(5, (await Smtp.MessagesToAsync(email)).Count);
    }

    // The next page's address, then its own elements (each Expect waits for them). Waiting for the
    // page's "load" event (WaitForURLAsync, whatever its WaitUntil) timed out in CI runs under load
    // with the address already there and the network idle.
    static Task AtAsync(IPage page, string address) =>
        Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(address), new() { Timeout = 30_000 });

    // A digest decided now, for the hour just past (as the sender decides the day's at its time).
    async Task DecideDigestAsync(MailingKind kind)
    {
        await using var scope = Site.Scope(out var db);
        var now = DateTime.UtcNow;
        db.Mailings.Add(new Mailing { Kind = kind, Key = $"test:{kind}:{Guid.NewGuid():N}", From = now.AddHours(-1), To = now.AddMinutes(1), CreatedAt = now });
        await db.SaveChangesAsync();
    }

    // Waits for the address's `count`-th message and returns the one that matches.
    async Task<MimeMessage> MailAsync(string email, int count, Func<MimeMessage, bool> which)
    {
        var summaries = await Smtp.WaitForAsync(email, count);
        Assert.Equal(count, summaries.Count);
        var messages = new List<MimeMessage>();
        foreach (var summary in summaries)
        {
            messages.Add(await Smtp.MessageAsync(summary));
        }
        return Assert.Single(messages, m => which(m));
    }
}
