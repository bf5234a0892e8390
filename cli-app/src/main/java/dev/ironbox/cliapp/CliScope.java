package dev.ironbox.cliapp;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Scope;

/**
 * The life of one {@link CliComponent}. Dagger lets a component depend on a scoped one ({@code @Singleton}
 * {@code IronboxComponent}) only if it has a scope of its own; nothing is bound in it.
 */
@Scope
@Retention(RetentionPolicy.RUNTIME)
@interface CliScope {}
