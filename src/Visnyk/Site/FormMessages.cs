using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Visnyk.Site;

// Every message a form can show is Ukrainian: the model binder's own ("The value '' is invalid.",
// "The value 'abc' is not valid for Position.") and those of validation attributes that name no
// message of their own (MaxLength, Required, also the Required that non-nullable properties get
// implicitly). A field is named by its [Display(Name)] from AdminText; one without (a hidden field, say)
// is not named at all, rather than by its C# name.
public static class FormMessages
{
    public static void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => AdminText.FormValueMissing);
        messages.SetMissingKeyOrValueAccessor(() => AdminText.FormValueMissing);
        messages.SetMissingBindRequiredValueAccessor(field => Named(field) ? string.Format(AdminText.FormFieldMissing, field) : AdminText.FormValueMissing);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => AdminText.FormValueMissing);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => Named(field) ? string.Format(AdminText.FormValueInvalidFor, value, field) : string.Format(AdminText.FormValueInvalid, value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => string.Format(AdminText.FormValueInvalid, value));
        messages.SetValueIsInvalidAccessor(value => string.Format(AdminText.FormValueInvalid, value));
        messages.SetUnknownValueIsInvalidAccessor(field => Named(field) ? string.Format(AdminText.FormUnknownValueFor, field) : AdminText.FormUnknownValue);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => AdminText.FormUnknownValue);
        messages.SetValueMustBeANumberAccessor(field => Named(field) ? string.Format(AdminText.FormNumberFor, field) : AdminText.FormNumber);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => AdminText.FormNumber);
        options.ModelMetadataDetailsProviders.Add(new AttributeMessages());
        options.Filters.Add(new UnreadableForm());
    }

    // A form the framework could not read at all (a NUL in a value: "Failed to read the request
    // form. The form value contains invalid characters."; a value or a form over its limits) gets
    // one Ukrainian message in its place. Pages only: the API is minimal APIs, without model state.
    sealed class UnreadableForm : Microsoft.AspNetCore.Mvc.Filters.IPageFilter
    {
        public void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) { }

        public void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) => Translate(context.ModelState);

        public void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context) { }

        static void Translate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
        {
            // The same failure is reported once per value the form was asked for: once in all.
            // (CompositeValueProvider keeps only the ValueProviderException's message, not the exception.)
            var unreadable = state.Where(e => e.Value!.Errors.Any(x => x.ErrorMessage.StartsWith("Failed to read the request form", StringComparison.Ordinal))).ToList();
            foreach (var (_, entry) in unreadable)
            {
                entry!.Errors.Clear();
            }
            if (unreadable.Count > 0)
            {
                state.AddModelError("", Text.FormUnreadable);
            }
        }
    }

    // A display name, not a property's C# name (which is all a field without [Display] has).
    static bool Named(string field) => !field.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']');

    // Gives the validation attributes without a message of their own one from AdminText.
    sealed class AttributeMessages : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (attribute.ErrorMessageResourceName is not null || !string.IsNullOrEmpty(attribute.ErrorMessage))
                {
                    continue;
                }
                var named = context.Attributes.OfType<DisplayAttribute>().Any(d => d.Name is not null);
                var name = attribute switch
                {
                    RequiredAttribute => named ? nameof(AdminText.FormRequired) : nameof(AdminText.FormValueMissing),
                    MaxLengthAttribute or StringLengthAttribute => named ? nameof(AdminText.FormTooLong) : nameof(AdminText.FormTooLongUnnamed),
                    MinLengthAttribute => named ? nameof(AdminText.FormTooShort) : nameof(AdminText.FormTooShortUnnamed),
                    RangeAttribute => named ? nameof(AdminText.FormOutOfRange) : nameof(AdminText.FormOutOfRangeUnnamed),
                    EmailAddressAttribute => nameof(AdminText.EmailInvalid),
                    _ => named ? nameof(AdminText.FormUnknownValueFor) : nameof(AdminText.FormUnknownValue),
                };
                attribute.ErrorMessageResourceType = typeof(AdminText);
                attribute.ErrorMessageResourceName = name;
            }
        }
    }
}
