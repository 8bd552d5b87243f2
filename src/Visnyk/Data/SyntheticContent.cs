namespace Visnyk.Data;

// Temporary: replaced by the synthetic content generator being written.
public static class SyntheticContent
{
    public static Task<int> AddAsync(VisnykDb db, Media.ImagePipeline pipeline, int count, DateTime utcNow, Action<int>? progress, CancellationToken ct) =>
        throw new NotImplementedException();
}
