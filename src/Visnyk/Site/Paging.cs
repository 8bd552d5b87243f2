using Microsoft.EntityFrameworkCore;

namespace Visnyk.Site;

public record Page<T>(IReadOnlyList<T> Items, int Number, int TotalPages, int TotalItems)
{
    public bool HasNext => Number < TotalPages;
    public bool HasPrevious => Number > 1;
}

public static class Paging
{
    public const int PageSize = 20;

    // A page number past the end gives an empty page; callers answer 404 for it.
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int number, CancellationToken ct, int size = PageSize) =>
        await query.ToPageAsync(number, await query.CountAsync(ct), ct, size);

    // For lists whose total is cheaper to count with another query than the one that pages them.
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int number, int total, CancellationToken ct, int size = PageSize)
    {
        var items = number < 1 ? [] : await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Of(items, number, total, size);
    }

    // Page `number` of a list of `total` items, holding these.
    public static Page<T> Of<T>(IReadOnlyList<T> items, int number, int total, int size = PageSize) =>
        new(items, number, Math.Max(1, (total + size - 1) / size), total);
}
