/**
 * The command line: {@code java -jar bridge.jar COMMAND}. Each command checks its options, then
 * makes a thin call into the layers below, the same code the workbench calls; a
 * {@code UserFacingException} becomes one line on stderr. {@code gui} opens the workbench through
 * {@code ui.app.WorkbenchLauncher}, the only ui class the command line may use.
 */
package org.bridge.cli;
