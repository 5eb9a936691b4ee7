package io.antelopekit.spring.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the sign-in package logs (in memory only: nothing is written to the console from
 * the event loops, where BlockHound would see the write).
 */
final class LogCapture implements AutoCloseable {

    static final String PACKAGE = "io.antelopekit.spring.security";

    private final Logger logger = (Logger) LoggerFactory.getLogger(PACKAGE);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
    }

    /** The formatted messages logged at {@code level} so far. */
    List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                if (e.getLevel() == level) {
                    out.add(e.getFormattedMessage());
                }
            }
        }
        return out;
    }

    List<String> warnings() {
        return messages(Level.WARN);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(null);
        appender.stop();
    }
}
