using Visnyk.Articles;

namespace Visnyk.Newsroom;

public static class ArticleStates
{
    public static string Name(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "чернетка",
        ArticleStatus.InReview => "на перевірці",
        ArticleStatus.Scheduled => "заплановано",
        ArticleStatus.Published => "опубліковано",
        ArticleStatus.Withdrawn => "знято з публікації",
        ArticleStatus.Removed => "видалено (опубліковано помилково)",
        _ => status.ToString(),
    };
}
