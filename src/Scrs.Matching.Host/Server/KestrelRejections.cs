using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// Gives the requests Kestrel rejects itself (a request line over its limit: 414; headers over theirs: 431; a malformed
/// request line, target or header, such as <c>%00</c> in the path: 400) problem details, as every error of the API has.
/// </summary>
/// <remarks>
/// Kestrel answers these before any middleware runs, with an empty body, and offers no hook to change that answer
/// (aspnet/KestrelHttpServer#2947), so it is done here by hand, at the two points it does offer: its diagnostic event
/// <c>Microsoft.AspNetCore.Server.Kestrel.BadRequest</c>, raised as it decides to reject and before it writes, and a
/// connection middleware that wraps the connection's output (<see cref="RejectionWriter"/>). The event marks the
/// connection; the bytes written after the mark, up to the next flush, are Kestrel's answer, rewritten only when they are
/// exactly the empty answer expected. Every other byte goes through unchanged and unbuffered.
/// </remarks>
internal static class KestrelRejections
{
    private const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    /// <summary>Wraps the output of every connection of <paramref name="listen"/>.</summary>
    public static void Use(ListenOptions listen)
    {
        var limits = listen.KestrelServerOptions.Limits;
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var output = new RejectionWriter(transport.Output, limits);
            connection.Features.Set(output);
            connection.Transport = new Transport(transport.Input, output);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
    }

    /// <summary>Marks the connections whose request Kestrel rejects, from its diagnostic events; dispose to stop.</summary>
    public static IDisposable Observe(DiagnosticListener listener) =>
        listener.Subscribe(new Observer(), name => name == BadRequestEvent);

    private sealed record Transport(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class Observer : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            // The event's value is the request's features, which fall back to the connection's (where Use put the writer).
            if (value.Value is IFeatureCollection features && features.Get<RejectionWriter>() is { } output
                && features.Get<IBadRequestExceptionFeature>()?.Error is BadHttpRequestException rejection
                // The answer to a HEAD request has no body.
                && features.Get<IHttpRequestFeature>()?.Method != HttpMethods.Head)
                output.Rejecting(rejection);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    /// <summary>
    /// The output of one connection. Between <see cref="Rejecting"/> and the next flush, the bytes written are held; at
    /// the flush, if they are Kestrel's empty answer with the rejection's status, they go out as problem details, and
    /// otherwise as they were. Outside that window every call goes straight to the transport's writer.
    /// </summary>
    internal sealed class RejectionWriter(PipeWriter inner, KestrelServerLimits limits) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _held = new();
        private BadHttpRequestException? _rejection;
        private bool _lentHeld;

        /// <summary>Kestrel rejects the connection's request with <paramref name="rejection"/>; its answer is written next.</summary>
        public void Rejecting(BadHttpRequestException rejection) => Volatile.Write(ref _rejection, rejection);

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            // Advance follows on the same buffer, even if the mark comes in between.
            _lentHeld = Volatile.Read(ref _rejection) is not null;
            return _lentHeld ? _held.GetMemory(sizeHint) : inner.GetMemory(sizeHint);
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (_lentHeld) _held.Advance(bytes);
            else inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + _held.WrittenCount;

        /// <summary>Writes the held bytes to the transport, as problem details when they are Kestrel's empty answer.</summary>
        private void Release()
        {
            if (_held.WrittenCount == 0 || Volatile.Read(ref _rejection) is not { } rejection) return;
            if (Answer(_held.WrittenSpan, rejection, limits) is { } answer) inner.Write(answer);
            else inner.Write(_held.WrittenSpan);
            _held.ResetWrittenCount();
            _lentHeld = false;
            Volatile.Write(ref _rejection, null);
        }
    }

    /// <summary>
    /// <paramref name="head"/> with a problem details body, when it is Kestrel's answer to <paramref name="rejection"/>: a
    /// whole response head, nothing after it, with the rejection's status, <c>Content-Length: 0</c> and no
    /// <c>Content-Type</c>. Null for anything else, which then goes out unchanged.
    /// </summary>
    internal static byte[]? Answer(ReadOnlySpan<byte> head, BadHttpRequestException rejection, KestrelServerLimits limits)
    {
        // Latin-1 maps each byte to one character and back, so the headers kept are the bytes Kestrel wrote.
        var text = Encoding.Latin1.GetString(head);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end != text.Length - 4 || !text.StartsWith($"HTTP/1.1 {rejection.StatusCode.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal))
            return null;
        var lines = text[..end].Split("\r\n");
        var length = Array.FindIndex(lines, l => l.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase));
        if (length < 0 || lines.Any(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))) return null;
        var body = JsonSerializer.SerializeToUtf8Bytes(Problem(rejection, limits));
        lines[length] = $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nContent-Type: application/problem+json";
        return [.. Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"), .. body];
    }

    /// <summary>The problem details of <paramref name="rejection"/>: Kestrel's reason, and for a limit, the limit.</summary>
    private static Microsoft.AspNetCore.Mvc.ProblemDetails Problem(BadHttpRequestException rejection, KestrelServerLimits limits)
    {
        // Kestrel's messages end in the rejected text quoted, which is empty unless its log is at Information.
        var reason = rejection.Message.EndsWith(": ''", StringComparison.Ordinal) ? rejection.Message[..^4] + "." : rejection.Message;
        var limit = rejection.StatusCode switch
        {
            StatusCodes.Status414UriTooLong =>
                $" This host takes a request line (method, path, query and version) of at most {limits.MaxRequestLineSize.ToString("N0", CultureInfo.InvariantCulture)} bytes.",
            StatusCodes.Status431RequestHeaderFieldsTooLarge =>
                $" This host takes at most {limits.MaxRequestHeaderCount.ToString(CultureInfo.InvariantCulture)} headers, of at most {limits.MaxRequestHeadersTotalSize.ToString("N0", CultureInfo.InvariantCulture)} bytes in all.",
            _ => "",
        };
        // TypedResults fills in the type of the status as the API's own problem details have it; it has none for 431.
        var problem = TypedResults.Problem(statusCode: rejection.StatusCode, title: ReasonPhrases.GetReasonPhrase(rejection.StatusCode),
            detail: $"The server rejected the request before the API saw it: {reason}{limit}").ProblemDetails;
        if (rejection.StatusCode == StatusCodes.Status431RequestHeaderFieldsTooLarge) problem.Type ??= "https://tools.ietf.org/html/rfc6585#section-5";
        return problem;
    }
}
