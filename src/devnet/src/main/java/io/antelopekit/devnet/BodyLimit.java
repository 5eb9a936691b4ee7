package io.antelopekit.devnet;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The node's limit on a request body, its http_plugin {@code max-body-size}, enforced as the
 * body streams in, before anything holds it: a request whose {@code Content-Length} is over the
 * limit is refused at its header, a chunked one as soon as the bytes received go over it.
 *
 * <p>Refused with {@code 413} and a node-shaped error body ({@code invalid_http_request}, the
 * limit in its details), then the connection closes. nodeos itself ends the session without an
 * answer (its {@code beast_http_session}: the parser's {@code body_limit} fails the read), or
 * answers {@code 401} with an empty body to {@code Expect: 100-continue}; a client then sees a
 * dropped connection, which a client that retries transport failures (as ours does for reads
 * and for broadcasts of the same transaction) takes for a passing fault and sends again. The
 * devnet says why instead (issue 17: bad input gets a 4xx and a reason).
 *
 * <p>After the answer the connection's output is shut and what still arrives is released unread,
 * until the client closes, {@value #DRAIN_LIMIT} more bytes came, or {@value #DRAIN_SECONDS} s
 * passed: reading on lets the client read the answer instead of a reset.
 *
 * <p>One per connection, right after the HTTP codec; runs on the connection's event loop.
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    /** Its name in the pipeline. */
    static final String NAME = "antelopekit.devnet.bodyLimit";

    /** Bytes read and dropped after a refusal before the connection is closed. */
    static final long DRAIN_LIMIT = 1L << 20;

    /** Seconds after a refusal at most before the connection is closed. */
    static final long DRAIN_SECONDS = 10;

    private final long max;
    /** Body bytes of the current request so far. */
    private long received;
    /** Set once a request was refused: the connection is closing, everything is dropped. */
    private boolean refused;
    /** Bytes dropped since the refusal. */
    private long drained;

    BodyLimit(long max) {
        this.max = max;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            if (msg instanceof HttpContent c) {
                drained += c.content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (drained > DRAIN_LIMIT) {
                ctx.close();
            }
            return;
        }
        if (msg instanceof HttpRequest req) {
            received = 0;
            long declared = declaredLength(req);
            if (declared > max) {
                refuse(ctx, msg, "the request body of " + declared + " bytes");
                return;
            }
        }
        if (msg instanceof HttpContent c) {
            received += c.content().readableBytes();
            if (received > max) {
                refuse(ctx, msg, "the request body (over " + max + " bytes received)");
                return;
            }
            if (msg instanceof LastHttpContent) {
                received = 0;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The Content-Length, or -1 when absent or not a number (the codec answers an invalid one). */
    private static long declaredLength(HttpRequest req) {
        String v = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(ChannelHandlerContext ctx, Object msg, String what) {
        refused = true;
        ReferenceCountUtil.release(msg);
        String json = "{\"code\":413,\"message\":\"Payload Too Large\",\"error\":{\"code\":"
                + NodeError.INVALID_HTTP_REQUEST.code() + ",\"name\":\"" + NodeError.INVALID_HTTP_REQUEST.name()
                + "\",\"what\":\"" + NodeError.INVALID_HTTP_REQUEST.what() + "\",\"details\":[{\"message\":\""
                + what + " is larger than the node's max-body-size of " + max
                + " bytes\",\"file\":\"http_plugin.cpp\",\"line_number\":1,\"method\":\"handle_http_request\"}]}}";
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (ctx.channel() instanceof DuplexChannel duplex) {
            ctx.writeAndFlush(r).addListener(f -> {
                if (f.isSuccess()) {
                    duplex.shutdownOutput();
                } else {
                    ctx.close();
                }
            });
            // the channel closes by itself when the client does (no half-closure on the devnet's server)
            ctx.executor().schedule(() -> {
                ctx.close();
            }, DRAIN_SECONDS, TimeUnit.SECONDS);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
