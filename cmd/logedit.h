/*
 * logedit.h: `prehab log --edit`, run from cmd/log.c once the options
 * are checked. lib/edit.c takes the rows and checks what comes back;
 * this runs the editor, asks the user, and prints.
 */
#ifndef PREHAB_LOGEDIT_H
#define PREHAB_LOGEDIT_H

#include "prehab.h"

/*
 * Edits the rows dated since..until (LONG_MIN, LONG_MAX: no bound) of
 * the log in the user's editor; force lets rows dated after today in.
 * Returns the exit status.
 */
int log_edit(struct ctx *, date_t since, date_t until, int force);

#endif
