using Visnyk.Departments;
using Visnyk.Site;
using static Visnyk.Pages.Shared.SchemaOrg;

namespace Visnyk.Pages.Departments;

// A department as schema.org GovernmentOrganization, part of the body that runs the site: its
// address, phone, e-mail and reception hours as a ContactPoint, its head, and the page's breadcrumbs.
public static class DepartmentJsonLd
{
    public static string For(Department department, Visnyk.People.Person? head, string canonicalUrl, SiteSettings settings)
    {
        var language = SiteLanguage.Current;
        var origin = canonicalUrl[..^department.Path.Length];
        var hours = department.ReceptionHourList.ToList();
        var contact = department.Phone.Length + department.Email.Length > 0 || hours.Count > 0
            ? new Dictionary<string, object?>
            {
                ["@type"] = "ContactPoint",
                ["contactType"] = Visnyk.Text.DepartmentReception,
                ["telephone"] = OrNull(department.Phone),
                ["email"] = OrNull(department.Email),
                ["description"] = hours.Count == 0 ? null : string.Join("; ", hours),
                ["availableLanguage"] = "uk",
            }
            : null;
        return Graph(
            new Dictionary<string, object?>
            {
                ["@type"] = "GovernmentOrganization",
                ["@id"] = canonicalUrl + "#organization",
                ["name"] = department.Name,
                ["url"] = canonicalUrl,
                ["description"] = OrNull(department.Description),
                ["address"] = department.Address.Length == 0 ? null : new Dictionary<string, object?>
                {
                    ["@type"] = "PostalAddress", ["streetAddress"] = department.Address, ["addressCountry"] = "UA",
                },
                ["telephone"] = OrNull(department.Phone),
                ["email"] = OrNull(department.Email),
                ["contactPoint"] = contact,
                ["parentOrganization"] = Organization(settings.BodyName, origin + language.PathOf("/")),
                // Its head, by the node on their own page (People/PersonJsonLd).
                ["employee"] = head is null ? null : new Dictionary<string, object?>
                {
                    ["@type"] = "Person", ["@id"] = People.PersonJsonLd.Id(origin, head), ["name"] = head.NameIn(language), ["jobTitle"] = language.IsDefault ? OrNull(head.JobTitle) : null, ["url"] = origin + head.Path,
                },
            },
            Breadcrumbs((Visnyk.Text.Home, origin + language.PathOf("/")), (Visnyk.Text.Departments, origin + language.PathOf("/departments")), (department.Name, canonicalUrl)));
    }
}
