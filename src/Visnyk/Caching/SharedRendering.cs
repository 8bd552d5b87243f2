namespace Visnyk.Caching;

// The output cache lets requests for a page that is being rendered wait for that rendering and
// share it. When the reader whose request renders it goes away, the rendering is cancelled, and
// the waiting requests are handed its OperationCanceledException: they would answer 500 to
// readers who are still there. A request that was not itself cancelled asks again (it finds the
// page cached by then, or renders it itself). Only reads are shared, and asked again.
// The second time it does not wait for another's rendering (PublicPagePolicy): the failed one
// may not have left the output cache's list of renderings yet, and waiting would hand the
// request the same exception at once (seen under load in CoalescedRequestsTests).
public sealed class SharedRendering(RequestDelegate next)
{
    static readonly object Retry = new();

    // This request is asking again after a shared rendering failed it.
    public static bool IsRetry(HttpContext http) => http.Items.ContainsKey(Retry);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            http.Items[Retry] = true;
            await next(http);
        }
    }
}
