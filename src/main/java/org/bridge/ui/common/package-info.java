/**
 * Helpers shared by the shell and the tabs: pixel conversion, the open face set, the chosen
 * student set-up, a latest-request-wins background worker, the opened runs folder as one view and
 * opening a browser. A tab that needs something from another tab gets it through a type here,
 * handed over by the main window. Depends on no other ui package.
 */
package org.bridge.ui.common;
