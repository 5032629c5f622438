/**
 * The workbench shell: the JavaFX application and its launcher (the one class the command line's
 * {@code gui} command calls), the main window that wires the tabs together, and the tab snapshots
 * for {@code gui --snapshot}. The only ui package that knows every tab.
 */
package org.bridge.ui.app;
