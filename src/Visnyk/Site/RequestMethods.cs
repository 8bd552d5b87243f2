using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Visnyk.Site;

// Which requests reach a page, and what it reads from them.
// - A page answers GET and HEAD, and POST where it has a form (an OnPost handler); any other method
//   (TRACE, PUT, DELETE...) gets 405 with Allow from routing, instead of the page rendered without
//   its handler. Endpoints of the API, feeds and sitemaps answer HEAD like GET (AlsoHead).
// - A handler name the page lacks (?handler=nope, or a POST where it has only named handlers) is
//   not found: rendered without its handler, the page had none of its state and failed with 500.
// - Route values win over the query and the form, and a form body counts only on a POST: a GET with
//   a body could otherwise show one thing under another page's cached address, and a posted field
//   could replace a link's token.
public static class RequestMethods
{
    static readonly string[] Read = [HttpMethods.Get, HttpMethods.Head];

    public static void Configure(MvcOptions options)
    {
        var factories = options.ValueProviderFactories;
        var route = factories.OfType<RouteValueProviderFactory>().Single();
        factories.Remove(route);
        factories.Insert(0, route);
        for (var i = 0; i < factories.Count; i++)
        {
            if (factories[i] is FormValueProviderFactory or JQueryFormValueProviderFactory or FormFileValueProviderFactory)
            {
                factories[i] = new PostOnly(factories[i]);
            }
        }
        options.Filters.Add(new UnknownHandlerIsNotFound());
    }

    // The error page is exempt: the status-code pages run it again with the failed request's method, whatever it was.
    public static void AddTo(PageConventionCollection conventions) => conventions.Add(new PageModelMethods());

    public static TBuilder AlsoHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods && methods.HttpMethods.SequenceEqual([HttpMethods.Get]))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata(Read, methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }

    sealed class PageModelMethods : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (model.ViewEnginePath == "/Error")
            {
                return;
            }
            var posts = model.HandlerMethods.Any(h => string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase));
            model.EndpointMetadata.Add(new HttpMethodMetadata(posts ? [.. Read, HttpMethods.Post] : Read));
        }
    }

    sealed class UnknownHandlerIsNotFound : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
            {
                context.Result = new NotFoundResult();
                return Task.CompletedTask;
            }
            return next();
        }
    }

    sealed class PostOnly(IValueProviderFactory inner) : IValueProviderFactory
    {
        public Task CreateValueProviderAsync(ValueProviderFactoryContext context) =>
            HttpMethods.IsPost(context.ActionContext.HttpContext.Request.Method) ? inner.CreateValueProviderAsync(context) : Task.CompletedTask;
    }
}
