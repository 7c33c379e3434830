using System.Diagnostics;
using System.Text;

namespace ChatCloud.Messaging;

/// <summary>
/// W3C trace context (https://www.w3.org/TR/trace-context/) in AMQP headers, so a consumer's span
/// continues the trace of the request that caused the event, across the outbox as well.
/// </summary>
internal static class TraceContext
{
    public const string ParentHeader = "traceparent";
    public const string StateHeader = "tracestate";

    /// <summary>The context to hand on: the span being recorded, else the ambient one.</summary>
    public static ActivityContext Current => Activity.Current?.Context ?? default;

    public static string? FormatParent(ActivityContext context) =>
        context.TraceId == default
            ? null
            : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";

    public static ActivityContext Parse(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;

    public static void Inject(ActivityContext context, IDictionary<string, object?> headers)
    {
        if (FormatParent(context) is { } traceParent)
        {
            headers[ParentHeader] = traceParent;
            if (!string.IsNullOrEmpty(context.TraceState))
            {
                headers[StateHeader] = context.TraceState;
            }
        }
    }

    public static ActivityContext Extract(IDictionary<string, object?>? headers) =>
        headers is null ? default : Parse(HeaderText(headers, ParentHeader), HeaderText(headers, StateHeader));

    /// <summary>A text header; AMQP long strings arrive as bytes whatever type was sent.</summary>
    internal static string? HeaderText(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => null,
        } : null;
}
