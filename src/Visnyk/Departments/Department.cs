namespace Visnyk.Departments;

// A publishing unit of the administration (a department, office or service).
public class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    // When residents are received, one line each ("Понеділок–четвер: 9:00–18:00").
    public string ReceptionHours { get; set; } = "";
    public const int MaxReceptionHours = 1000;
    // Order in menus and on the home page.
    public int Position { get; set; }

    public string Path => $"/departments/{Slug}";

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> ReceptionHourList =>
        ReceptionHours.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
