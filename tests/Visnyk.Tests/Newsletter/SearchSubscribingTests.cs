using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Newsletter;

// Following a search of /search by e-mail (issue 20), through HTTP, with the mail read back from a
// real SMTP server: sign-up from the search page, confirmation, the alert of a matching article and
// none of the others, the weekly digest grouped by saved search, and leaving one search in one click.
public class SearchSubscribingTests(MailSite site) : IClassFixture<MailSite>
{
    const string Social = "Департамент соціального захисту населення";

    async Task<(int Id, string Slug, string OtherSlug)> SocialAsync()
    {
        await using var scope = site.Scope(out var db);
        var social = await db.Departments.SingleAsync(d => d.Name == Social);
        var other = await db.Departments.FirstAsync(d => d.Id != social.Id);
        return (social.Id, social.Slug, other.Slug);
    }

    static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task A_resident_follows_a_search_from_the_search_page_and_gets_only_the_news_it_finds()
    {
        var (_, social, other) = await SocialAsync();
        var client = site.Browserless();
        // The search page offers it, with the search's words and filters.
        var searchPage = Html(await client.GetStringAsync($"/search?q=субсидія&department={social}&sort=date"));
        var link = searchPage.QuerySelector(".search-alert a")?.GetAttribute("href");
        Assert.NotNull(link);
        var signUp = Html(await client.GetStringAsync(link));
        var form = signUp.QuerySelector("form.subscribe-form")!;
        Assert.Equal("новини зі словом «субсидія» · " + Social, form.QuerySelector("label[for=topic-search]")!.TextContent.Trim());
        Assert.Contains("у будь-якій формі", form.TextContent);
        Assert.Equal("daily", form.QuerySelector("select[name='Topics[search]'] option[selected]")!.GetAttribute("value"));

        // Posted as the browser would: the hidden fields carry the search.
        var email = Mail.NewAddress("subsydiia");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(KeyValuePair.Create("Email", email)).Append(KeyValuePair.Create("Topics[search]", "immediately")).ToList();
        Assert.Contains(fields, f => f.Key == "q" && f.Value == "субсидія");
        Assert.Contains(fields, f => f.Key == "department" && f.Value == social);
        var posted = await client.PostAsync("/subscribe", new FormUrlEncodedContent(fields));
        Assert.Equal("/subscribe/sent", posted.Headers.Location?.OriginalString);
        // Nothing is saved until the address is confirmed.
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.SavedSearches.AnyAsync(s => s.Text == "субсидія"));
        }
        var manage = await site.ConfirmAsync(email);
        var managePage = Html(await client.GetStringAsync(manage));
        Assert.Equal("новини зі словом «субсидія» · " + Social, managePage.QuerySelector("label[for^=topic-s]")!.TextContent.Trim());

        // The word in another form but another department; the department without the word; then both.
        var wrongDepartment = await site.PublishAsync("Субсидії на опалення для пенсіонерів", other);
        var noWord = await site.PublishAsync("Виплати переселенцям у грудні", social);
        var matching = await site.PublishAsync("Як оформити субсидії взимку", social);
        var mails = await site.Smtp.WaitForAsync(email, 2);
        var alert = await site.Smtp.MessageAsync(mails[1]);
        Assert.Equal(matching.Title, alert.Subject);
        Assert.Contains("новини зі словом «субсидія» · " + Social, alert.TextBody);
        // The two others were decided before it (mailings expand in order) and reached nobody here.
        await using (var scope = site.Scope(out var db))
        {
            var mailings = await db.Mailings.Where(m => m.ArticleId == wrongDepartment.Id || m.ArticleId == noWord.Id || m.ArticleId == matching.Id)
                .ToDictionaryAsync(m => m.ArticleId!.Value);
            Assert.Equal(3, mailings.Count);
            Assert.All(mailings.Values, m => Assert.NotNull(m.ExpandedAt));
            var delivered = await db.Deliveries.Where(d => d.To == email && d.MailingId != null).Select(d => d.MailingId).ToListAsync();
            Assert.Equal([mailings[matching.Id].Id], delivered);
        }
        Assert.Equal(2, (await site.Smtp.MessagesToAsync(email)).Count);

        // One click (RFC 8058) stops that search: the only one, so the address is forgotten.
        var unsubscribe = alert.Headers["List-Unsubscribe"]!.Trim('<', '>', ' ')[MailSite.PublicUrl.Length..];
        Assert.Contains("за пошуком «новини зі словом «субсидія»", Html(await client.GetStringAsync(unsubscribe)).Body!.TextContent);
        var oneClick = await site.CreateClient().PostAsync(unsubscribe, new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
            // Nobody follows the search now: the hourly sweep removes it, with its terms, once it has been kept a while.
            var search = await db.SavedSearches.Include(s => s.Terms).SingleAsync(s => s.Text == "субсидія" && s.Departments.Length == 1);
            Assert.NotEmpty(search.Terms);
            await SavedSearches.SweepAsync(db, DateTime.UtcNow, default);
            Assert.True(await db.SavedSearches.AnyAsync(s => s.Id == search.Id));
            await SavedSearches.SweepAsync(db, DateTime.UtcNow + SavedSearches.KeptUnfollowed + TimeSpan.FromMinutes(1), default);
            Assert.False(await db.SavedSearches.AnyAsync(s => s.Id == search.Id));
            Assert.False(await db.SavedSearchTerms.AnyAsync(t => t.SavedSearchId == search.Id));
        }
    }

    [Fact]
    public async Task A_search_that_can_never_match_again_or_is_no_search_is_not_offered()
    {
        var client = site.Browserless();
        var ended = await client.GetStringAsync("/search?q=субсидія&to=2001-01-31");
        Assert.Null(Html(ended).QuerySelector(".search-alert"));
        var signUp = Html(await client.GetStringAsync("/subscribe?q=субсидія&to=2001-01-31"));
        Assert.Contains("дата, що вже минула", signUp.QuerySelector(".notice")!.TextContent.Replace("датою", "дата"));
        Assert.Null(signUp.QuerySelector("#topic-search"));
        var nothing = Html(await client.GetStringAsync("/subscribe?q=&department=no-such-unit"));
        Assert.Contains("задайте слова", nothing.QuerySelector(".notice")!.TextContent);
        // Posted anyway: nothing to confirm, the form again.
        var email = Mail.NewAddress("ended");
        var posted = await client.PostAsync("/subscribe", new FormUrlEncodedContent([
            KeyValuePair.Create("q", "субсидія"), KeyValuePair.Create("to", "2001-01-31"),
            KeyValuePair.Create("Topics[search]", "daily"), KeyValuePair.Create("Email", email)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Оберіть", await posted.Content.ReadAsStringAsync());
        // Hostile values: a clear 400, never a failure of the site.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/subscribe?q=x&from=2027-13-45")).StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Deliveries.AnyAsync(d => d.To == email));
    }

    [Fact]
    public async Task A_weekly_digest_groups_the_news_by_saved_search_each_article_once_each_search_with_its_own_way_out()
    {
        var (socialId, socialSlug, _) = await SocialAsync();
        var email = Mail.NewAddress("weekly");
        var subscriber = await site.SubscriberAsync(email, Frequency.Weekly, TopicKind.Department, socialId);
        int heating, shelters;
        await using (var scope = site.Scope(out var db))
        {
            heating = (await SavedSearches.FollowAsync(db, new SavedSearch.Spec("опалення", "uk", [], [], null, null), DateTime.UtcNow, default)).Id!.Value;
            shelters = (await SavedSearches.FollowAsync(db, new SavedSearch.Spec("укриття", "uk", [], [], null, null), DateTime.UtcNow, default)).Id!.Value;
            var mine = await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Id == subscriber.Id);
            mine.Choose([(TopicKind.Search, heating, Frequency.Weekly), (TopicKind.Search, shelters, Frequency.Weekly)]);
            await db.SaveChangesAsync();
        }
        var from = DateTime.UtcNow.AddSeconds(-2);
        var department = await site.PublishAsync("Опалення в школах області: графік", socialSlug);   // the department and a search
        var both = await site.PublishAsync("Опалення укриттів перевірять до зими");                   // both searches
        var shelter = await site.PublishAsync("Нові укриття у Кременчуці");                          // the second search
        var none = await site.PublishAsync("Ярмарок у Миргороді");                                    // nothing of the subscriber's
        await using (var scope = site.Scope(out var db))
        {
            db.Mailings.Add(new Mailing { Kind = MailingKind.WeeklyDigest, Key = $"weekly:test-{Guid.NewGuid():N}", From = from, To = DateTime.UtcNow.AddMinutes(1), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var digest = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(email)).Single());
        var text = digest.TextBody!;
        // Each article once (its link): the department's under the topics, then each search's own.
        foreach (var article in new[] { department, both, shelter })
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(MailSite.PublicUrl + article.Path) + @"\s"));
        }
        Assert.DoesNotContain(none.Title, text);
        var heatingAt = text.IndexOf("За пошуком: новини зі словом «опалення»", StringComparison.Ordinal);
        var sheltersAt = text.IndexOf("За пошуком: новини зі словом «укриття»", StringComparison.Ordinal);
        Assert.True(text.IndexOf(department.Title, StringComparison.Ordinal) < heatingAt && heatingAt < text.IndexOf(both.Title, StringComparison.Ordinal));
        Assert.True(sheltersAt > text.IndexOf(both.Title, StringComparison.Ordinal) && sheltersAt < text.IndexOf(shelter.Title, StringComparison.Ordinal));
        // Each search has its own way out, which stops that search only.
        var html = Html(digest.HtmlBody!);
        var stops = html.QuerySelectorAll("a").Where(a => a.TextContent == "Не стежити за цим пошуком").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, stops.Distinct().Count());
        var client = site.CreateClient();
        Assert.Contains("«новини зі словом «укриття»»", Html(await client.GetStringAsync(stops[1][MailSite.PublicUrl.Length..])).Body!.TextContent);
        var stopped = await client.PostAsync(stops[1][MailSite.PublicUrl.Length..], new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            var left = await db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id).Select(s => new { s.Kind, s.TopicId }).ToListAsync();
            Assert.Equal(2, left.Count);
            Assert.DoesNotContain(left, s => s.Kind == TopicKind.Search && s.TopicId == shelters);
            Assert.Contains(left, s => s.Kind == TopicKind.Search && s.TopicId == heating);
        }

        // The back office's mail page: the searches followed, the most followed by their description,
        // and the digest's message counted as brought by a search.
        var admin = await site.SignedInAsync(await site.CreateAsync(Visnyk.Accounts.Roles.Administrator));
        var page = Html(await admin.GetStringAsync("/admin/mail"));
        var top = page.QuerySelectorAll("#searches-title ~ table tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, int.Parse(r.QuerySelector("td")!.TextContent))).ToList();
        Assert.Contains(top, r => r.Item1 == "новини зі словом «опалення»" && r.Item2 >= 1);
        Assert.DoesNotContain(top, r => r.Item1 == "новини зі словом «укриття»");
        Assert.NotNull(page.QuerySelectorAll("table tr th").FirstOrDefault(th => th.TextContent.StartsWith("Збережені пошуки")));
        // Other classes' weekly digests on the same site may be listed above this one: any of them, by a search.
        var weekly = page.QuerySelectorAll("#history-title ~ table tbody tr").Where(r => r.QuerySelectorAll("td")[1].TextContent.StartsWith("щотижневий")).ToList();
        Assert.Contains(weekly, r => int.Parse(r.QuerySelectorAll("td")[7].TextContent) >= 1);
        var csv = await (await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Export")).Content.ReadAsStringAsync();
        Assert.Contains("новини зі словом «опалення»: щотижня", csv);
    }

    [Fact]
    public async Task Saved_searches_follow_the_mail_language_and_one_address_follows_at_most_twenty()
    {
        var email = Mail.NewAddress("language");
        var subscriber = await site.SubscriberAsync(email, Frequency.Daily);
        int heating;
        await using (var scope = site.Scope(out var db))
        {
            heating = (await SavedSearches.FollowAsync(db, new SavedSearch.Spec("опалення", "uk", [], [], null, null), DateTime.UtcNow, default)).Id!.Value;
            var mine = await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Id == subscriber.Id);
            mine.Choose([(TopicKind.Search, heating, Frequency.Weekly)]);
            await db.SaveChangesAsync();
        }
        // The manage page lists it by its description; mail in English takes the search along.
        var tokens = site.Services.GetRequiredService<MailTokens>();
        var manage = $"/subscribe/manage/{tokens.ForManaging(subscriber.Id, subscriber.Stamp)}";
        var client = site.Browserless();
        Assert.Equal("новини зі словом «опалення»", Html(await client.GetStringAsync(manage)).QuerySelector($"label[for=topic-s{heating}]")!.TextContent.Trim());
        var saved = await client.PostFormAsync(manage, manage, ("Topics[all]", "daily"), ($"Topics[s{heating}]", "weekly"), ("Language", "en"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            var search = await db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && s.Kind == TopicKind.Search)
                .Join(db.SavedSearches, s => s.TopicId, x => x.Id, (s, x) => new { x.Text, x.Language, s.Frequency }).SingleAsync();
            Assert.Equal(("опалення", "en", Frequency.Weekly), (search.Text, search.Language, search.Frequency));
        }

        // A twenty-first search is not taken.
        var many = new Subscriber { Email = "many@example.org", Stamp = Subscriber.NewStamp() };
        many.Choose(Enumerable.Range(1, Subscriber.MaxSearches + 5).Select(i => (TopicKind.Search, i, Frequency.Daily)));
        many.Choose([(TopicKind.All, 0, Frequency.Daily), (TopicKind.Search, 3, Frequency.Weekly)]);
        Assert.Equal(Subscriber.MaxSearches, many.Subscriptions.Count(s => s.Kind == TopicKind.Search));
        Assert.Equal(Frequency.Weekly, many.Subscriptions.Single(s => s.Kind == TopicKind.Search && s.TopicId == 3).Frequency);
        Assert.Single(many.Subscriptions, s => s.Kind == TopicKind.All);
    }
}
