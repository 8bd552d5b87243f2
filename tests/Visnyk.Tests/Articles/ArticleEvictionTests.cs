using Visnyk.Articles;
using static Visnyk.Articles.ArticleEviction;

namespace Visnyk.Tests.Articles;

public class ArticleEvictionTests
{
    static readonly DateTime June = new(2025, 6, 18, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Editing_the_text_of_a_published_article_evicts_only_pages_showing_it()
    {
        var state = new State(5, true, June, [1], [10, 11]);
        Assert.Equal(["article:5"], TagsFor(state, state with { }).Order());
    }

    [Fact]
    public void Publishing_evicts_every_list_the_article_joins()
    {
        var draft = new State(5, false, June, [1, 2], [10]);
        var published = draft with { IsPublic = true };
        Assert.Equal(["article:5", "department:1", "department:2", "latest", "tag:10"], TagsFor(draft, published).Order());
    }

    [Fact]
    public void Withdrawing_evicts_the_same_lists()
    {
        var published = new State(5, true, June, [1], [10]);
        Assert.Equal(["article:5", "department:1", "latest", "tag:10"], TagsFor(published, published with { IsPublic = false }).Order());
    }

    [Fact]
    public void Moving_a_published_article_to_another_department_evicts_both_departments_lists()
    {
        var before = new State(5, true, June, [1], [10]);
        var after = before with { DepartmentIds = [2], TagIds = [10, 12] };
        Assert.Equal(["article:5", "department:1", "department:2", "tag:12"], TagsFor(before, after).Order());
    }

    [Fact]
    public void Changing_the_publication_date_reorders_lists()
    {
        var before = new State(5, true, June, [1], [10]);
        Assert.Contains("latest", TagsFor(before, before with { PublishedAt = June.AddDays(-1) }));
    }

    [Fact]
    public void Saving_a_draft_evicts_nothing_but_its_own_tag()
    {
        var draft = new State(5, false, June, [1], [10]);
        Assert.Equal(["article:5"], TagsFor(null, draft).Order());
    }
}
