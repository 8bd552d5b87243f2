using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Browser;

// On a wide screen the home page's department news are cards: a thumbnail beside the text. An
// article without a photo takes the whole width for its text, not the thumbnail's narrow column.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class HomeLayoutTests(BrowserSite site)
{
    [Fact]
    public async Task A_card_without_a_photo_gives_its_text_the_whole_width()
    {
        // The demo's department news all have photos: publish one without, through the newsroom's
        // own path (which evicts the cached home page).
        string department;
        await using (var scope = site.Site.Scope(out var db))
        {
            department = await db.Departments.OrderBy(d => d.Position).Select(d => d.Slug).FirstAsync();
        }
        await site.Site.PublishAsync("Оголошення без фото: прийом громадян у грудні", department);

        await using var context = await site.NewContextAsync(BrowserSite.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Pages["home"].Path);
        // Each card: does it have a picture, and how wide its text is against the card.
        var cards = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('.news-list--cards .news-item')].map(item => [
              item.querySelector('.news-item__picture') ? 1 : 0,
              item.querySelector('.news-item__text').getBoundingClientRect().width / item.getBoundingClientRect().width])
            """);
        var photoless = cards.Where(c => c[0] == 0).Select(c => c[1]).ToList();
        var pictured = cards.Where(c => c[0] == 1).Select(c => c[1]).ToList();
        Assert.NotEmpty(photoless);
        Assert.NotEmpty(pictured);
        Assert.All(photoless, share => Assert.True(share > 0.95, $"the text takes {share:P0} of a card without a photo"));
        // Beside a thumbnail it shares the width.
        Assert.All(pictured, share => Assert.True(share < 0.9, $"the text takes {share:P0} of a card with a photo"));
    }
}
