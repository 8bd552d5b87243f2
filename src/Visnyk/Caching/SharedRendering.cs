namespace Visnyk.Caching;

// The output cache lets requests for a page that is being rendered wait for that rendering and
// share it. When the reader whose request renders it goes away, the rendering is cancelled, and
// the waiting requests are handed its OperationCanceledException: they would answer 500 to
// readers who are still there. A request that was not itself cancelled asks again (it finds the
// page cached by then, or renders it itself). Only reads are shared, and asked again.
public sealed class SharedRendering(RequestDelegate next)
{
    const int Attempts = 3;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(http);
                return;
            }
            catch (OperationCanceledException) when (attempt < Attempts && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
            {
            }
        }
    }
}
