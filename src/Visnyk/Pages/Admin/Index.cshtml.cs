using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Visnyk.Pages.Admin;

public class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/articles");
}
