using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Media;

// On a page that takes photo uploads: the request may be as large as Visnyk:Media:MaxRequestMegabytes
// (several photos in one form; each file is checked against MaxUploadMegabytes on its own), and a
// larger one answers 413 with the site's page (Pages/Error), not a 500 from the form reader.
// An authorization filter, like MVC's own RequestSizeLimit, so the limits are set before the
// antiforgery check reads the form.
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadFormAttribute : Attribute, IAsyncAuthorizationFilter, IAsyncResourceFilter, IOrderedFilter
{
    public int Order => -3000;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.Media.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return Task.CompletedTask;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        if (http.Features.Get<IFormFeature>()?.Form is null)
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }
        return Task.CompletedTask;
    }

    // A body that turns out larger than it said (or did not say): the form reader's failure is a 413 too.
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            && !context.HttpContext.Response.HasStarted)
        {
            executed.ExceptionHandled = true;
            context.HttpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    }
}
