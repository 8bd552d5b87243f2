using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.People;
using Visnyk.Site;

namespace Visnyk.Pages.People;

// /people: the administration's leadership, then the heads of its units, then anyone else it presents.
public class IndexModel(SiteChrome chrome) : PageModel
{
    public IReadOnlyList<Person> Leadership { get; private set; } = [];
    public IReadOnlyList<Person> Heads { get; private set; } = [];
    public IReadOnlyList<Person> Others { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var people = (await chrome.GetAsync(ct)).People;
        Leadership = people.Where(p => p.InLeadership).ToList();
        Heads = people.Where(p => !p.InLeadership && p.Heads).ToList();
        Others = people.Where(p => !p.InLeadership && !p.Heads).ToList();
    }
}
