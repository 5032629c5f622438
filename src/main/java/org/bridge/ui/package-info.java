/**
 * The JavaFX workbench, in sub-packages layered one way: {@code app} (the shell: application,
 * main window, snapshots) uses the tabs {@code degradation}, {@code pairs}, {@code results} and
 * {@code training}; tabs use the shared parts {@code charts} and {@code runs}; everything uses
 * {@code common}. Tabs never import one another or the shell, so each can be read and changed on
 * its own (LayeringTest keeps it so). No ND4J here: the layers below do the numerics.
 */
package org.bridge.ui;
