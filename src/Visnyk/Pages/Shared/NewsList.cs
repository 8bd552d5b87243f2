using Visnyk.Articles;

namespace Visnyk.Pages.Shared;

public record NewsList(IReadOnlyList<ArticleListItem> Items, bool WithPictures = false, bool WithSummaries = false);
