using System.Net;
using System.Text.RegularExpressions;
using Visnyk.Tests.Browser;
using static Visnyk.Tests.Search.SearchSite;

namespace Visnyk.Tests.Search;

// /search on the demo content, through HTTP: word forms, phrases, highlights, filters with
// counts, paging, and queries that are empty, nonsense or hostile.
public partial class SearchPageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("Полтавщина")]
    [InlineData("полтавщині")]
    [InlineData("коаліцією")]
    [InlineData("зустріччю")]
    [InlineData("об'єднання")] // the article writes об’єднання
    [InlineData("обʼєднанню")]
    [InlineData("\"консультаційна місія\"")]
    [InlineData("«консультаційної місії»")]
    [InlineData("«місією ЄС в Україні»")] // a word left out ("в") keeps its place in the phrase
    public async Task Any_form_of_a_word_finds_the_reference_article_with_the_words_marked(string query)
    {
        await site.CaughtUpAsync();
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q(query));
        var reference = page.QuerySelectorAll(".search-result").SingleOrDefault(r => r.QuerySelector(".search-result__title")!.TextContent.Trim().StartsWith(PublicPages.ReferenceTitleStart));
        Assert.NotNull(reference);
        Assert.NotEmpty(reference.QuerySelectorAll("mark"));
        Assert.Equal(query, page.QuerySelector("#search-q")!.GetAttribute("value"));
        Assert.Contains("/news/4-", reference.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_phrase_needs_its_words_together()
    {
        await site.CaughtUpAsync();
        Assert.NotEmpty(await site.Browserless().TitlesAsync("/search?q=" + Q("консультаційна місія")));
        Assert.Empty(await site.Browserless().TitlesAsync("/search?q=" + Q("\"місія консультаційна\"")));
    }

    [Fact]
    public async Task Without_words_it_lists_every_article_newest_first_with_counts_that_match_each_filter()
    {
        await site.CaughtUpAsync();
        var client = site.Browserless();
        var all = await client.GetDocumentAsync("/search");
        var total = Count(all);
        Assert.True(total >= 10, $"{total} articles");
        var departments = all.QuerySelectorAll("input[name=department]").ToList();
        Assert.NotEmpty(departments);
        foreach (var box in departments)
        {
            var label = all.QuerySelector($"label[for={box.Id}]")!.TextContent;
            var shown = int.Parse(CountInLabel().Match(label).Groups[1].Value);
            var filtered = await client.GetDocumentAsync("/search?department=" + box.GetAttribute("value"));
            Assert.Equal(shown, Count(filtered));
            Assert.NotNull(filtered.QuerySelector($"input[name=department][value='{box.GetAttribute("value")}'][checked]"));
        }
        var tag = all.QuerySelector("input[name=tag]")!;
        var tagCount = int.Parse(CountInLabel().Match(all.QuerySelector($"label[for={tag.Id}]")!.TextContent).Groups[1].Value);
        Assert.Equal(tagCount, Count(await client.GetDocumentAsync("/search?tag=" + tag.GetAttribute("value"))));
    }

    [Fact]
    public async Task Filters_narrow_text_results_and_dates_are_whole_Kyiv_days()
    {
        await site.CaughtUpAsync();
        var client = site.Browserless();
        var withText = Count(await client.GetDocumentAsync("/search?q=" + Q("Полтавщина")));
        Assert.True(withText >= 1);
        // The reference article was published on 2025-06-18 (Kyiv time).
        Assert.Contains(await client.TitlesAsync("/search?q=" + Q("Полтавщина") + "&from=2025-06-18&to=2025-06-18"), t => t.StartsWith(PublicPages.ReferenceTitleStart));
        Assert.DoesNotContain(await client.TitlesAsync("/search?q=" + Q("Полтавщина") + "&from=2025-06-19"), t => t.StartsWith(PublicPages.ReferenceTitleStart));
        Assert.DoesNotContain(await client.TitlesAsync("/search?q=" + Q("Полтавщина") + "&to=2025-06-17"), t => t.StartsWith(PublicPages.ReferenceTitleStart));
        // A reversed range is swapped, and said so.
        var reversed = await client.GetDocumentAsync("/search?q=" + Q("Полтавщина") + "&from=2025-06-18&to=2025-06-01");
        Assert.NotNull(reversed.QuerySelector(".error-summary"));
        Assert.Contains(reversed.QuerySelectorAll(".search-result__title"), t => t.TextContent.Trim().StartsWith(PublicPages.ReferenceTitleStart));
        // A malformed date: 400, naming it (QueryRules).
        var bad = await client.GetAsync("/search?q=" + Q("Полтавщина") + "&from=18.06.2025");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("from", (await Html.ParseAsync(await bad.Content.ReadAsStringAsync())).QuerySelector(".query-errors li code")!.TextContent);
        // An unknown department is ignored rather than failing.
        Assert.Equal(withText, Count(await client.GetDocumentAsync("/search?q=" + Q("Полтавщина") + "&department=no-such-department")));
    }

    [Fact]
    public async Task Nonsense_finds_nothing_and_says_what_to_try()
    {
        await site.CaughtUpAsync();
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q("щщщзззккк"));
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.Contains("нічого не знайдено", page.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/news']"));
    }

    [Fact]
    public async Task When_no_article_has_every_word_those_with_any_are_shown_and_it_is_said()
    {
        await site.CaughtUpAsync();
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q("Полтавщина щщщзззккк"));
        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
        Assert.Contains(page.QuerySelectorAll(".notice"), n => n.TextContent.Contains("хоча б одне"));
    }

    [Theory]
    [InlineData("*:* OR title:[a TO z]")]
    [InlineData("\"unbalanced")]
    [InlineData("«")]
    [InlineData("(((((")]
    [InlineData("~!@#$%^&*()_+{}|:<>?-=[]\\;',./`")]
    [InlineData("AND OR NOT")]
    [InlineData("%' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Полтавщина*")]
    // Control characters answer 400 before the page runs (Site/HostileQueryTests).
    public async Task Hostile_queries_give_a_normal_page(string query)
    {
        await site.CaughtUpAsync();
        var response = await site.Browserless().GetAsync("/search?q=" + Q(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task A_ten_kilobyte_query_is_cut_to_its_start_and_said_so()
    {
        await site.CaughtUpAsync();
        var query = "Полтавщина " + string.Concat(Enumerable.Repeat("слово ", 2_000));
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q(query));
        Assert.Contains(page.QuerySelectorAll(".notice"), n => n.TextContent.Contains("задовгий"));
    }

    [Theory]
    [InlineData("/search?page=101")]
    [InlineData("/search?q=%D0%9F%D0%BE%D0%BB%D1%82%D0%B0%D0%B2%D1%89%D0%B8%D0%BD%D0%B0&page=50")]
    public async Task Pages_outside_the_results_are_not_found(string path)
    {
        await site.CaughtUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Every_page_has_a_search_box_in_its_header()
    {
        var home = await site.Browserless().GetDocumentAsync("/");
        var form = home.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.NotNull(home.QuerySelector($"label[for={input.Id}]"));
    }

    static int Count(AngleSharp.Dom.IDocument page) =>
        int.Parse(TotalInStatus().Match(page.QuerySelector(".list-count")!.TextContent).Groups[1].Value);

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex CountInLabel();

    [GeneratedRegex(@"(\d+)\s*$")]
    private static partial Regex TotalInStatus();
}
