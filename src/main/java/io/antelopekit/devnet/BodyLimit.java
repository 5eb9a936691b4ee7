package io.antelopekit.devnet;

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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The node's limit on a request body, its http_plugin {@code max-body-size}, enforced as the
 * body streams in, before anything holds it: a request whose {@code Content-Length} is over the
 * limit is refused at its header, a chunked one as soon as the bytes received go over it.
 *
 * <p>Refused as nodeos refuses it (its {@code beast_http_session}: the parser's
 * {@code body_limit} fails the read, and the session ends "with no response sent back to the
 * client"): the connection is closed without an answer. A request that asked for
 * {@code Expect: 100-continue} with a {@code Content-Length} over the limit gets nodeos's
 * {@code 401} with an empty body instead of the {@code 100 Continue}, then the close. What
 * arrives on the connection after the refusal is released unread.
 *
 * <p>One per connection, right after the HTTP codec; runs on the connection's event loop.
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    /** Its name in the pipeline. */
    static final String NAME = "antelopekit.devnet.bodyLimit";

    private final long max;
    /** Body bytes of the current request so far. */
    private long received;
    /** Set once a request was refused: the connection is closing, everything is dropped. */
    private boolean refused;

    BodyLimit(long max) {
        this.max = max;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest req) {
            received = 0;
            if (declaredLength(req) > max) {
                refuse(ctx, msg, HttpUtil.is100ContinueExpected(req));
                return;
            }
        }
        if (msg instanceof HttpContent c) {
            received += c.content().readableBytes();
            if (received > max) {
                refuse(ctx, msg, false);
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

    private void refuse(ChannelHandlerContext ctx, Object msg, boolean expectContinue) {
        refused = true;
        ReferenceCountUtil.release(msg);
        ctx.channel().config().setAutoRead(false);
        if (expectContinue) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
