using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;

namespace Visnyk.Newsroom;

// What one signed-in user may do with articles. Chief editors and administrators: anything.
// Editors: only articles of their own departments (an article shared with another department is
// theirs too, but they cannot take the other department off it), and publish directly only if
// the site settings allow it. Every handler asks here before it changes anything, so a crafted
// request gets the same answer as the screen.
public record Desk(string UserId, bool IsChief, IReadOnlySet<int> DepartmentIds, bool MayPublish)
{
    public static async Task<Desk> ForAsync(ClaimsPrincipal principal, VisnykDb db, bool editorsMayPublish, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var isChief = principal.IsInRole(Roles.ChiefEditor) || principal.IsInRole(Roles.Administrator);
        var departments = isChief
            ? new HashSet<int>()
            : (await db.Users.Where(u => u.Id == userId).SelectMany(u => u.Departments.Select(d => d.Id)).ToListAsync(ct)).ToHashSet();
        var isEditor = principal.IsInRole(Roles.Editor);
        return new Desk(userId, isChief, departments, isChief || isEditor && editorsMayPublish);
    }

    public bool CanWrite => IsChief || DepartmentIds.Count > 0;

    public bool CanEdit(IEnumerable<int> articleDepartments) =>
        IsChief || articleDepartments.Any(DepartmentIds.Contains);

    // The departments an article will have after an edit that asked for `requested`: an editor's
    // choice counts only for their own departments; the others stay as they were.
    public IReadOnlyList<int> Departments(IEnumerable<int> current, IEnumerable<int> requested)
    {
        if (IsChief)
        {
            return requested.Distinct().ToList();
        }
        var kept = current.Where(d => !DepartmentIds.Contains(d));
        var mine = requested.Where(DepartmentIds.Contains);
        return kept.Concat(mine).Distinct().ToList();
    }

    public bool CanPublish(IEnumerable<int> articleDepartments) => MayPublish && CanEdit(articleDepartments);

    // May change what readers see of this article now: their own department's, and if it is live
    // (published or scheduled), only with the right to publish.
    public bool CanChange(Article article) =>
        article.IsLive ? CanPublish(article.Departments.Select(d => d.Id)) : CanEdit(article.Departments.Select(d => d.Id));

    // Which articles this user sees in the newsroom list.
    public IQueryable<Article> Visible(IQueryable<Article> articles) =>
        IsChief ? articles : articles.Where(a => a.Departments.Any(d => DepartmentIds.Contains(d.Id)));
}
