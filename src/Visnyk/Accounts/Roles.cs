namespace Visnyk.Accounts;

public static class Roles
{
    // Users, departments, tags, site settings, the audit log.
    public const string Administrator = "Administrator";
    // Edits and publishes any article.
    public const string ChiefEditor = "ChiefEditor";
    // Writes for their own departments; publishes directly only if the site settings allow it.
    public const string Editor = "Editor";

    public static readonly string[] All = [Administrator, ChiefEditor, Editor];

    public static string Name(string role) => role switch
    {
        Administrator => "Адміністратор",
        ChiefEditor => "Головний редактор",
        Editor => "Редактор",
        _ => role,
    };
}
