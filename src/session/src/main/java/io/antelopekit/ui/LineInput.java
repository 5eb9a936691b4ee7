package io.antelopekit.ui;

import io.antelopekit.plugin.CancelledException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Lines of input handed to whoever asks for one, in order: first the fixed answers, then lines read
 * from the input on {@link Schedulers#boundedElastic()}, one blocking read at a time and only
 * while someone waits. A waiter that cancels stops waiting at once; a read already under way goes
 * on (a blocked read of a console cannot be interrupted), and its line goes to the next waiter.
 * At the end of the input every waiter, present and future, gets a {@link CancelledException}.
 */
final class LineInput {

    /** A line and whether it came from the fixed answers (not typed, so worth echoing). */
    record Line(String text, boolean fixed) {
    }

    private final BufferedReader reader;
    private final Deque<Line> ready = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private boolean reading;
    private boolean ended;
    private Throwable failure;

    LineInput(BufferedReader reader, List<String> answers) {
        this.reader = reader;
        for (String answer : answers) {
            ready.add(new Line(answer, true));
        }
    }

    /**
     * The next line; {@code what} names the question in the error at the end of the input. Cold;
     * cancelling it stops the wait.
     */
    Mono<Line> next(String what) {
        return Mono.create(sink -> {
            Waiter w = new Waiter(sink, what);
            sink.onCancel(() -> cancel(w));
            Line line = null;
            RuntimeException end = null;
            boolean startRead = false;
            synchronized (this) {
                if (w.cancelled) {
                    return;
                }
                if (!ready.isEmpty()) {
                    line = ready.poll();
                } else if (ended || failure != null) {
                    end = endError(what);
                } else {
                    waiters.add(w);
                    if (!reading) {
                        reading = true;
                        startRead = true;
                    }
                }
            }
            if (line != null) {
                sink.success(line);
            } else if (end != null) {
                sink.error(end);
            } else if (startRead) {
                scheduleRead();
            }
        });
    }

    private synchronized void cancel(Waiter w) {
        w.cancelled = true;
        waiters.remove(w);
    }

    private void scheduleRead() {
        try {
            Schedulers.boundedElastic().schedule(this::readOne);
        } catch (RejectedExecutionException e) {
            finish(e);
        }
    }

    private void readOne() {
        String text;
        try {
            text = reader.readLine();
        } catch (IOException e) {
            finish(e);
            return;
        }
        if (text == null) {
            finish(null);
            return;
        }
        Waiter to;
        boolean again;
        synchronized (this) {
            to = waiters.poll();
            if (to == null) {
                ready.add(new Line(text, false)); // its waiter left: kept for the next question
            }
            again = !waiters.isEmpty();
            reading = again;
        }
        if (again) {
            scheduleRead();
        }
        if (to != null) {
            to.sink.success(new Line(text, false));
        }
    }

    /** The input ended ({@code error == null}) or failed: every waiter gets the error. */
    private void finish(Throwable error) {
        List<Waiter> left;
        synchronized (this) {
            if (error == null) {
                ended = true;
            } else {
                failure = error;
            }
            reading = false;
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (Waiter w : left) {
            w.sink.error(endError(w.what));
        }
    }

    private synchronized RuntimeException endError(String what) {
        if (failure != null) {
            return new CancelledException("cannot read an answer to " + what + ": the input failed (" + failure + ")",
                    failure);
        }
        return new CancelledException("the input ended (end of file) before an answer to " + what);
    }

    private static final class Waiter {
        final MonoSink<Line> sink;
        final String what;
        boolean cancelled;

        Waiter(MonoSink<Line> sink, String what) {
            this.sink = sink;
            this.what = what;
        }
    }
}
