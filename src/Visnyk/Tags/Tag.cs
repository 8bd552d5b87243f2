namespace Visnyk.Tags;

public class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    public string Path => $"/tags/{Slug}";
}
