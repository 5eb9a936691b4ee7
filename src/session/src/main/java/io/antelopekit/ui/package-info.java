/**
 * Ready-made {@link io.antelopekit.plugin.UserInterface}s: {@link io.antelopekit.ui.HeadlessUserInterface}
 * for services and bots (selections fixed or computed, prompts answered by a function) and
 * {@link io.antelopekit.ui.ConsoleUserInterface} for terminals and scripts (numbered choices,
 * timestamped status lines, prompts; works with piped input). Neither blocks a caller's thread:
 * console I/O runs on Reactor's bounded elastic scheduler.
 */
package io.antelopekit.ui;
