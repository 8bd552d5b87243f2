using Visnyk.Departments;
using Visnyk.People;
using Visnyk.Site;
using static Visnyk.Pages.Shared.SchemaOrg;

namespace Visnyk.Pages.People;

// A person as schema.org Person: their post, photo and contacts, working for their unit (or the
// body that runs the site), and the page's breadcrumbs.
public static class PersonJsonLd
{
    public static string For(Person person, Department? department, string canonicalUrl, SiteSettings settings)
    {
        var origin = canonicalUrl[..^person.Path.Length];
        var hours = person.ReceptionHourList.ToList();
        return Graph(
            new Dictionary<string, object?>
            {
                ["@type"] = "Person",
                ["@id"] = Id(origin, person),
                ["name"] = person.Name,
                ["url"] = canonicalUrl,
                ["jobTitle"] = OrNull(person.JobTitle),
                ["description"] = person.BiographyParagraphs.FirstOrDefault(),
                ["image"] = person.Photo is { } photo ? ImageObject(origin, photo) : null,
                ["telephone"] = OrNull(person.Phone),
                ["email"] = OrNull(person.Email),
                ["contactPoint"] = hours.Count == 0 ? null : new Dictionary<string, object?>
                {
                    ["@type"] = "ContactPoint",
                    ["contactType"] = Visnyk.Text.PersonReception,
                    ["telephone"] = OrNull(person.Phone),
                    ["description"] = string.Join("; ", hours),
                    ["availableLanguage"] = Site.SiteLanguage.Default.Code,
                },
                ["worksFor"] = department is null
                    ? Organization(settings.BodyName, origin + SiteLanguage.Current.PathOf("/"))
                    : new Dictionary<string, object?>
                    {
                        ["@type"] = "GovernmentOrganization",
                        ["@id"] = origin + department.Path + "#organization",
                        ["name"] = department.Name,
                        ["url"] = origin + department.Path,
                    },
            },
            Breadcrumbs((Visnyk.Text.Home, origin + SiteLanguage.Current.PathOf("/")), (Visnyk.Text.People, origin + SiteLanguage.Current.PathOf("/people")), (person.Name, canonicalUrl)));
    }

    // The node's name, so that a department's page can refer to its head.
    public static string Id(string origin, Person person) => origin + person.Path + "#person";
}
