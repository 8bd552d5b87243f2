using Visnyk.Articles;

namespace Visnyk.Newsroom;

public static class Revisions
{
    // A copy of the article's text as saved now.
    public static ArticleRevision Of(Article article, string? userId, string? userName, string action, DateTime now) => new()
    {
        ArticleId = article.Id,
        SavedAt = now,
        UserId = userId,
        UserName = userName ?? "",
        Action = action,
        Title = article.Title,
        Slug = article.Slug,
        Summary = article.Summary,
        Body = article.Body,
        Departments = string.Join(", ", article.Departments.Select(d => d.Name).Order()),
        Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order()),
    };
}
