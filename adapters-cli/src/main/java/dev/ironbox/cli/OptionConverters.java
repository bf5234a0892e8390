package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.core.settings.SettingText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * The typed values of the sandbox options, parsed once, as picocli reads the flag: each converter names its option
 * in its error ({@code invalid --timeout 'soon': ...}), and {@link ExitCodeMapper} reports that message as it is.
 */
final class OptionConverters {

    private OptionConverters() {}

    static final class Policy implements ITypeConverter<SandboxPolicy> {
        @Override
        public SandboxPolicy convert(String text) {
            return OptionValues.policy(text);
        }
    }

    static final class Timeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Durations.parsePositive("--timeout", text);
        }
    }

    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Durations.parsePositive("--ttl", text);
        }
    }

    static final class MaxLifetime implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Durations.parsePositive("--max-lifetime", text);
        }
    }

    static final class Memory implements ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String text) {
            return ByteSize.parse("--memory", text);
        }
    }

    static final class MaxOutput implements ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String text) {
            return ByteSize.parse("--max-output", text);
        }
    }

    static final class MaxFileSize implements ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String text) {
            ByteSize size = ByteSize.parse("--max-file-size", text);
            if (size.bytes() < 1 || size.bytes() > AssistantTerms.MAX_FILE_BYTES_LIMIT) {
                throw new InvalidConfigurationException("invalid --max-file-size '" + text + "': between 1 byte and "
                        + SettingText.bytes(AssistantTerms.MAX_FILE_BYTES_LIMIT)
                        + " (a file travels inside one message)");
            }
            return size;
        }
    }

    static final class PoolSize implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return OptionValues.poolSize(text);
        }
    }

    static final class Cpus implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return OptionValues.cpus(text);
        }
    }

    static final class Pids implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return OptionValues.pids(text);
        }
    }
}
