package io.github.lasier.cli.demo;

import java.time.Duration;

/**
 * One stretch of the demo's schedule.
 *
 * @param health   how the service behaves
 * @param duration how long
 */
public record Phase(Health health, Duration duration) {
}
