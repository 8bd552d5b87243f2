namespace Visnyk.Accounts;

public static class Roles
{
    // Users, departments, tags, site settings, the audit log.
    public const string Administrator = "Administrator";
    // An administrator of this site and of every site under it (an oblast's, over its hromadas';
    // Site.ParentId): GOV.UK's "super organisation admin". Held on the upper site only.
    public const string SitesAdministrator = "SitesAdministrator";
    // Edits and publishes any article.
    public const string ChiefEditor = "ChiefEditor";
    // Writes for their own departments; publishes directly only if the site settings allow it.
    public const string Editor = "Editor";

    public static readonly string[] All = [SitesAdministrator, Administrator, ChiefEditor, Editor];

    public static string Name(string role) => role switch
    {
        SitesAdministrator => "Адміністратор сайту і сайтів громад",
        Administrator => "Адміністратор",
        ChiefEditor => "Головний редактор",
        Editor => "Редактор",
        _ => role,
    };
}
