package io.github.lasier.cli.store;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --store} values, so a malformed URI is a usage error. */
public final class StoreUriConverter implements ITypeConverter<StoreUri> {

    @Override
    public StoreUri convert(String value) {
        try {
            return StoreUri.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
