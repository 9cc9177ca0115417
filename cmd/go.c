/*
 * go.c: `prehab go`, the guided session. It runs today's exercises one at
 * a time, full screen: the cue, the set and side, and a large count of
 * every phase of every rep, "switch sides" and the rests, each ending at
 * an absolute deadline (lib/session.c). Keys move through it; after each
 * exercise one key gives its pain, and that exercise's sets go into the
 * log at once, so a session cut short keeps what was done and a second
 * `prehab go` the same day carries on with what is left.
 *
 * This file owns the terminal: cbreak mode with signals left on, the
 * alternate screen, and putting both back on every way out. Signal
 * handlers only set flags; the signals are blocked except inside the one
 * wait (ppoll), so none is lost between a check and the wait.
 */
#define _GNU_SOURCE /* ppoll, SIGWINCH, CLOCK_BOOTTIME */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "plan.h"
#include "prehab.h"
#include "progress.h"
#include "session.h"
#include "store.h"
#include "tempo.h"
#include "util.h"

enum { OPT_PLAIN = OPT_FIRST_CMD, OPT_REST };

static const struct option go_opts[] = { GLOBAL_OPTIONS,
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "rest", required_argument, NULL, OPT_REST },
	{ "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 } };

static const struct cmd_value go_values[] = { { "rest", "30 45 60 90" },
	{ NULL, NULL } };

/* How an exercise ended. */
enum outcome { OUT_NONE, OUT_DONE, OUT_SKIP, OUT_QUIT, OUT_SIGNAL, OUT_ERROR };

static const char *const reasons[] = { "pain", "time", "equipment", "other" };

/* One exercise of the session. */
struct item {
	const struct exercise *e;
	struct level dose;
	struct sess_ex x;
	int had; /* units already in the log when go started */
	unsigned char seen[3][STORE_SET_MAX + 1]; /* [side][set] in the log */
	unsigned char inlog[2 * STORE_SET_MAX]; /* per unit */
	enum outcome out;
	int reason; /* index into reasons, when skipped */
	int pain; /* -1 if not given */
	int written; /* its rows are in the log */
	int held; /* done, its rows wait for the session's RPE */
};

struct go {
	struct ctx *ctx;
	int plain;
	int quiet;
	int rest; /* -1: the config's */
	double scale; /* PREHAB_GO_SCALE */
	struct item *items;
	size_t n;
	struct buf note; /* what go_load_session has to say */
	int resumed; /* some of today's sets were in the log */
	int show_note; /* until the first set starts */

	/* The clock. */
	sess_ns start; /* when the first step began */
	sess_ns base; /* when the running step began */
	sess_ns deadline; /* when it ends */
	int paused;
	sess_ns left; /* of the running step, while paused */
	const char *why_paused;

	char batch[STORE_BATCH_SIZE]; /* of every row this session writes */

	/* Input. */
	int in_open; /* standard input still gives keys */
	char inbuf[512]; /* --plain: input not yet taken as lines */
	size_t inlen;
	char line[128]; /* the line taken */
	char pending[16]; /* keys read and not yet handled */
	size_t npending;

	/* The screen. */
	int tty_on; /* cbreak and the alternate screen are on */
	struct termios saved;
	int rows, cols;
	int redraw;
	const char *prompt; /* a question on the bottom line */
	size_t cur; /* the running item */

	int rpe;
	int status; /* exit status after a failed write */
	int sig; /* the signal that ended the session */
};

/* Set by the handlers, read with the signals blocked. */
static volatile sig_atomic_t got_stop_sig; /* SIGINT, SIGTERM, SIGHUP */
static volatile sig_atomic_t got_tstp;
static volatile sig_atomic_t got_cont;
static volatile sig_atomic_t got_winch;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTSTP: got_tstp = 1; break;
	case SIGCONT: got_cont = 1; break;
	case SIGWINCH: got_winch = 1; break;
	default: got_stop_sig = sig; break;
	}
}

static const int handled[] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT,
	SIGWINCH };
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

static sigset_t wait_mask; /* the mask inside ppoll: ours unblocked */
static sigset_t old_mask; /* as it was before, put back on return */
static struct sigaction old_sa[NHANDLED];

static void
signals_install(int plain)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait must end when a signal comes. */
	sigemptyset(&block);
	for (size_t i = 0; i < NHANDLED; i++) {
		/* Without a terminal, ^Z and resizes are not ours. */
		if (plain &&
		    (handled[i] == SIGTSTP || handled[i] == SIGCONT ||
			handled[i] == SIGWINCH))
			continue;
		sigaction(handled[i], &sa, &old_sa[i]);
		sigaddset(&block, handled[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	wait_mask = old_mask;
	for (size_t i = 0; i < NHANDLED; i++)
		sigdelset(&wait_mask, handled[i]);
}

/* The caller gets its signals back as they were (tests run in-process). */
static void
signals_restore(int plain)
{
	for (size_t i = 0; i < NHANDLED; i++)
		if (!plain ||
		    (handled[i] != SIGTSTP && handled[i] != SIGCONT &&
			handled[i] != SIGWINCH))
			sigaction(handled[i], &old_sa[i], NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

/* write(2) all of it; a terminal that went away is not worth an error. */
static void
out_raw(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
out_str(const char *s)
{
	out_raw(s, strlen(s));
}

static void
term_size(struct go *g)
{
	struct winsize ws;

	g->rows = 24;
	g->cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		g->rows = ws.ws_row;
		g->cols = ws.ws_col;
	}
}

/* cbreak with ISIG: keys one at a time, no echo, ^C and ^Z still work. */
static int
tty_enter(struct go *g)
{
	struct termios t;

	if (g->plain || g->tty_on)
		return 0;
	if (tcgetattr(STDIN_FILENO, &g->saved) != 0)
		return -1;
	t = g->saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_lflag |= ISIG;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) != 0)
		return -1;
	g->tty_on = 1;
	/* The alternate screen, the cursor hidden, the screen cleared. */
	out_str("\033[?1049h\033[?25l\033[H\033[2J");
	term_size(g);
	g->redraw = 1;
	return 0;
}

static void
tty_leave(struct go *g)
{
	if (!g->tty_on)
		return;
	out_str("\033[0m\033[?25h\033[?1049l");
	tcsetattr(STDIN_FILENO, TCSANOW, &g->saved);
	g->tty_on = 0;
}

/* The running step's clock stops, keeping what is left of it. */
static void
pause_clock(struct go *g, const char *why)
{
	sess_ns now = sess_mono();

	if (g->paused)
		return;
	g->paused = 1;
	g->why_paused = why;
	g->left = g->deadline > now ? g->deadline - now : 0;
	g->redraw = 1;
}

static void
resume_clock(struct go *g)
{
	sess_ns now = sess_mono();

	if (!g->paused)
		return;
	g->paused = 0;
	g->deadline = now + g->left;
	g->base = g->deadline -
	    sess_scaled(sess_cur(&g->items[g->cur].x)
		    ? sess_cur(&g->items[g->cur].x)->ms
		    : 0,
		g->scale);
	g->redraw = 1;
}

/*
 * ^Z: the terminal goes back to how it was, the process stops, and on fg
 * the session comes back paused, so nothing ran on while it was away.
 */
static void
tty_stop(struct go *g)
{
	sigset_t tstp;

	pause_clock(g, "stopped");
	tty_leave(g);
	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	raise(SIGTSTP); /* pending while blocked... */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL); /* ...and it stops us here */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTSTP, &sa, NULL);
	}
	got_cont = 0;
	tty_enter(g);
}

/*
 * --plain: takes the first whole line of the input into g->line. A line
 * longer than g->line is cut; a full buffer counts as a line.
 */
static int
next_line(struct go *g)
{
	char *nl = memchr(g->inbuf, '\n', g->inlen);
	size_t len, take;

	if (nl == NULL && g->inlen < sizeof(g->inbuf))
		return 0;
	len = nl != NULL ? (size_t)(nl - g->inbuf) : g->inlen;
	take = len < sizeof(g->line) - 1 ? len : sizeof(g->line) - 1;
	memcpy(g->line, g->inbuf, take);
	g->line[take] = '\0';
	if (take > 0 && g->line[take - 1] == '\r')
		g->line[take - 1] = '\0';
	if (nl != NULL)
		len++;
	memmove(g->inbuf, g->inbuf + len, g->inlen - len);
	g->inlen -= len;
	return 1;
}

/* Events of the one wait. */
enum ev { EV_TIME, EV_KEY, EV_LINE, EV_EOF, EV_SIGNAL, EV_REDRAW, EV_GAP };

/* A byte from the terminal as a key: Enter and space are both '\n'. */
static int
key_of(unsigned char c)
{
	if (c == '\r' || c == '\n' || c == ' ')
		return '\n';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return c;
	return -1;
}

/*
 * Waits for the deadline until (or for ever with -1), a key or a signal.
 * A key is in *key; with --plain a whole line is in g->line instead.
 * Every return leaves signals blocked.
 */
static enum ev
wait_event(struct go *g, sess_ns until, int *key)
{
	sess_ns mono0 = sess_mono(), boot0 = sess_boot();

	for (;;) {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		struct timespec ts;
		sess_ns now, wait, boot;
		int rc;

		if (got_stop_sig)
			return EV_SIGNAL;
		if (got_tstp) {
			got_tstp = 0;
			tty_stop(g);
			return EV_REDRAW;
		}
		if (got_cont) {
			/* Stopped by someone else: the modes may be gone. */
			got_cont = 0;
			if (g->tty_on) {
				g->tty_on = 0;
				tty_enter(g);
			}
			pause_clock(g, "stopped");
			return EV_REDRAW;
		}
		if (got_winch) {
			got_winch = 0;
			term_size(g);
			g->redraw = 1;
			return EV_REDRAW;
		}
		if (g->npending > 0) {
			*key = (unsigned char)g->pending[0];
			memmove(g->pending, g->pending + 1, --g->npending);
			return EV_KEY;
		}
		if (g->plain && next_line(g))
			return EV_LINE;
		now = sess_mono();
		if (until >= 0 && now >= until)
			return EV_TIME;
		/* Nothing can come any more: do not wait for it. */
		if (until < 0 && !g->in_open)
			return EV_EOF;
		/* Wake often enough to notice a suspend or a stop. */
		wait = 250 * SESS_NS_PER_MS;
		if (until >= 0 && until - now < wait)
			wait = until - now;
		ts.tv_sec = (time_t)(wait / 1000000000LL);
		ts.tv_nsec = (long)(wait % 1000000000LL);
		rc = ppoll(&pfd, g->in_open ? 1 : 0, &ts, &wait_mask);
		now = sess_mono();
		boot = sess_boot();
		if (sess_gap(mono0, boot0, now, boot, 2000 * SESS_NS_PER_MS))
			return EV_GAP;
		mono0 = now;
		boot0 = boot;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc > 0 && g->in_open) {
			char buf[64];
			ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				g->in_open = 0;
				/* A last line without its newline still counts. */
				if (g->plain && g->inlen > 0)
					g->inbuf[g->inlen++] = '\n';
				continue;
			}
			if (!g->plain) {
				for (ssize_t i = 0; i < r; i++) {
					int k;

					/* An escape sequence: drop the rest. */
					if (buf[i] == '\033')
						break;
					if ((k = key_of(
						 (unsigned char)buf[i])) >= 0 &&
					    g->npending < sizeof(g->pending))
						g->pending[g->npending++] =
						    (char)k;
				}
				continue;
			}
			if (g->inlen + (size_t)r > sizeof(g->inbuf))
				r = (ssize_t)(sizeof(g->inbuf) - g->inlen);
			memcpy(g->inbuf + g->inlen, buf, (size_t)r);
			g->inlen += (size_t)r;
		}
	}
}

/* ---- Drawing -------------------------------------------------------- */

/* Big digits, 3x5, each cell drawn twice as wide. */
static const char *const font[10][5] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
};

/* Appends s cut to width cells (UTF-8 aware), then clears the line. */
static void
put_line(
    struct buf *b, const char *s, int width, const char *pre, const char *post)
{
	int used = 0;

	buf_adds(b, pre);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) != 0x80 && ++used > width)
			break;
		buf_addc(b, (char)*p);
	}
	buf_adds(b, post);
	buf_adds(b, "\033[K");
}

static const char *
dot(struct ctx *ctx)
{
	return ctx->utf8 ? " \xc2\xb7 " : " - ";
}

static const char *
side_word(enum store_side s)
{
	return s == SIDE_LEFT ? "left" : s == SIDE_RIGHT ? "right" : "";
}

/* Seconds still to count in the running step, rounded up. */
static int
count_left(struct go *g)
{
	sess_ns left = g->paused ? g->left : g->deadline - sess_mono();
	sess_ns sec = sess_scaled(1000, g->scale);

	if (left <= 0 || sec <= 0)
		return 0;
	return (int)((left + sec - 1) / sec);
}

/* "set 2 of 3 · left" */
static void
set_text(struct go *g, struct buf *b, const struct item *it,
    const struct sess_step *s)
{
	const struct sess_unit *u = &it->x.unit[s->unit];

	buf_addf(b, "set %d of %d", u->set, it->x.sets);
	if (u->side != SIDE_BOTH)
		buf_addf(b, "%s%s", dot(g->ctx), side_word(u->side));
}

/* "rep 4 of 10 · down", "switch sides", "rest", "get ready" */
static void
step_text(struct go *g, struct buf *b, const struct item *it,
    const struct sess_step *s)
{
	switch (s->kind) {
	case SESS_LEADIN: buf_adds(b, "get ready"); break;
	case SESS_SWITCH: buf_adds(b, "switch sides"); break;
	case SESS_REST: buf_adds(b, "rest"); break;
	case SESS_PHASE:
		buf_addf(b, "rep %d of %d%s%s", s->rep, it->x.reps, dot(g->ctx),
		    it->x.tempo.phase[s->phase].name);
		break;
	}
}

static void
draw(struct go *g)
{
	struct ctx *ctx = g->ctx;
	const struct item *it = &g->items[g->cur];
	const struct exercise *e = it->e;
	const struct sess_step *s = sess_cur(&it->x);
	struct buf b = { 0 }, t = { 0 };
	const char *bold = cmd_color(ctx, "1"), *cyan = cmd_color(ctx, "1;36"),
		   *off = cmd_reset(ctx);
	int w = g->cols, h = g->rows, row = 0, big, count;
	char num[16];

	g->redraw = 0;
	buf_adds(&b, "\033[H");
#define LINE(text, pre, post)                                                  \
	do {                                                                   \
		if (row < h) {                                                 \
			if (row > 0)                                           \
				buf_adds(&b, "\r\n");                          \
			put_line(&b, (text), w, (pre), (post));                \
			row++;                                                 \
		}                                                              \
	} while (0)

	buf_addf(&t, "%s  (%zu of %zu)", e->name, g->cur + 1, g->n);
	LINE(t.data, bold, off);
	buf_reset(&t);
	plan_dose_text(&t, e, &it->dose, cmd_times(ctx));
	if (e->nvariants > 0 && it->dose.variant < e->nvariants)
		buf_addf(&t, "  (%s)", e->variants[it->dose.variant].slug);
	LINE(t.data, "", "");
	if (h >= 14)
		LINE(e->cue != NULL ? e->cue : "", "", "");
	if (h >= 16)
		LINE("", "", "");
	buf_reset(&t);
	if (s != NULL)
		set_text(g, &t, it, s);
	LINE(t.data, "", "");
	if (g->show_note && g->note.len > 0)
		LINE(g->note.data, "", "");
	buf_reset(&t);
	if (s != NULL)
		step_text(g, &t, it, s);
	if (g->paused)
		buf_addf(&t, "%spaused (%s), p to go on", t.len ? dot(ctx) : "",
		    g->why_paused);
	count = s != NULL ? count_left(g) : 0;
	snprintf(num, sizeof(num), "%d", count);
	big = h >= 14 && w >= 30;
	if (!big && s != NULL)
		buf_addf(&t, "  %s", num);
	LINE(t.data, cyan, off);
	if (big && s != NULL) {
		int len = (int)strlen(num), pad = (w - len * 8) / 2;
		const char *cell =
		    ctx->utf8 ? "\xe2\x96\x88\xe2\x96\x88" : "##";

		LINE("", "", "");
		for (int r = 0; r < 5; r++) {
			buf_reset(&t);
			for (int i = 0; i < pad; i++)
				buf_addc(&t, ' ');
			for (int d = 0; d < len; d++) {
				const char *f = font[num[d] - '0'][r];

				for (int c = 0; c < 3; c++)
					buf_adds(&t, f[c] == '#' ? cell : "  ");
				buf_adds(&t, "  ");
			}
			LINE(t.data, cyan, off);
		}
	}
	/* The keys on the last line, the prompt if there is one. */
	while (row < h - 1)
		LINE("", "", "");
	if (g->prompt != NULL)
		LINE(g->prompt, bold, off);
	else if (w >= 60)
		LINE("Enter: set done   p: pause   s: skip   b: back   q: quit",
		    "", "");
	else
		LINE("Enter done p pause s skip b back q quit", "", "");
#undef LINE
	buf_adds(&b, "\033[J");
	out_raw(b.data, b.len);
	buf_free(&b);
	buf_free(&t);
}

static void
bell(struct go *g)
{
	if (!g->quiet && (!g->plain || isatty(STDOUT_FILENO)))
		out_str("\a");
}

/* --plain: one line, flushed at once for whoever reads the pipe. */
static void
say(struct go *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct go *g, const char *fmt, ...)
{
	va_list ap;

	if (!g->plain)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The start of a step: the bell at transitions, a line with --plain. */
static void
announce(struct go *g, const struct item *it, const struct sess_step *s)
{
	struct buf t = { 0 };
	int first = s->kind == SESS_PHASE && s->rep == 1 && s->phase == 0;

	if (first)
		g->show_note = 0;

	if (s->kind != SESS_PHASE || first)
		bell(g);
	if (g->plain) {
		if (first) {
			set_text(g, &t, it, s);
			say(g, "  %s", t.data);
			buf_reset(&t);
		}
		step_text(g, &t, it, s);
		say(g, "  %s: %d s", t.data, (s->ms + 999) / 1000);
	}
	buf_free(&t);
	g->redraw = 1;
}

/* ---- Questions ------------------------------------------------------ */

/*
 * Asks for a number from lo to 10: one key for lo-9, '1' then '0' for
 * 10 (a '1' alone counts after a moment or with Enter). Enter alone
 * answers nothing (-1). Returns the outcome that ended the question:
 * OUT_DONE when answered, else OUT_QUIT or OUT_SIGNAL. *human says
 * whether someone answered, which restarts the clock from now.
 */
static enum outcome
ask_number(struct go *g, const char *question, int lo, int *out, int *human)
{
	struct buf q = { 0 };
	int key, have = -1;
	sess_ns until = -1;
	enum outcome rc = OUT_DONE;

	*out = -1;
	*human = 0;
	if (g->plain) {
		printf("%s (%d-10, Enter for none): ", question, lo);
		fflush(stdout);
	}
	buf_addf(&q, "%s %d-9, 1 0 for 10, Enter: none", question, lo);
	g->prompt = q.data;
	g->redraw = 1;
	for (;;) {
		enum ev ev;

		if (g->redraw && !g->plain)
			draw(g);
		ev = wait_event(g, until, &key);
		if (ev == EV_SIGNAL) {
			rc = OUT_SIGNAL;
			break;
		}
		if (ev == EV_EOF) {
			if (g->plain)
				printf("(none)\n");
			break;
		}
		if (ev == EV_GAP || ev == EV_REDRAW)
			continue;
		if (ev == EV_TIME) {
			*out = have;
			break;
		}
		*human = 1;
		if (ev == EV_LINE) {
			long n;

			if (g->line[0] == '\0')
				break;
			if (strcmp(g->line, "q") == 0) {
				rc = OUT_QUIT;
				break;
			}
			if (util_parse_long(g->line, lo, 10, &n) == 0) {
				*out = (int)n;
				break;
			}
			printf("%s must be %d-10, got '%.20s'; again: ",
			    question, lo, g->line);
			fflush(stdout);
			continue;
		}
		if (have == 1 && key == '0') {
			*out = 10;
			break;
		}
		if (have == 1) {
			*out = 1;
			break;
		}
		if (key == 'q') {
			rc = OUT_QUIT;
			break;
		}
		if (key == '\n')
			break;
		if (key == '1' && lo <= 1) {
			have = 1;
			buf_reset(&q);
			buf_addf(&q, "%s 1 (0 for 10)", question);
			g->prompt = q.data;
			g->redraw = 1;
			until = sess_mono() + sess_scaled(2000, g->scale);
			continue;
		}
		if (key >= '0' + lo && key <= '9') {
			*out = key - '0';
			break;
		}
	}
	/* A pipe does not echo: show what was taken, for the record. */
	if (g->plain && *human && !isatty(STDIN_FILENO))
		printf("%s\n", g->line);
	else if (g->plain && !*human && rc == OUT_DONE && g->in_open)
		putchar('\n');
	fflush(stdout);
	g->prompt = NULL;
	g->redraw = 1;
	buf_free(&q);
	return rc;
}

/* s: one key says why; anything else takes the skip back. */
static int
ask_reason(struct go *g, int *reason)
{
	int key = 0;

	if (g->plain) {
		const char *r = g->line + 1;

		while (*r == ' ')
			r++;
		if (*r == '\0') {
			printf("skip why? (pain, time, equipment, other; Enter "
			       "to go on): ");
			fflush(stdout);
			for (;;) {
				enum ev ev = wait_event(g, -1, &key);

				if (ev == EV_SIGNAL)
					return OUT_SIGNAL;
				if (ev == EV_EOF)
					return OUT_NONE;
				if (ev == EV_LINE)
					break;
			}
			r = g->line;
		}
		for (int i = 0; i < 4; i++)
			if (*r != '\0' && strncmp(r, reasons[i], 1) == 0) {
				*reason = i;
				return OUT_SKIP;
			}
		return OUT_NONE;
	}
	g->prompt = "Skip it because of: p pain, t time, e equipment, "
		    "o other (any other key: go on)";
	g->redraw = 1;
	for (;;) {
		enum ev ev;

		if (g->redraw)
			draw(g);
		ev = wait_event(g, -1, &key);
		if (ev == EV_SIGNAL)
			return OUT_SIGNAL;
		if (ev == EV_KEY || ev == EV_EOF)
			break;
	}
	g->prompt = NULL;
	g->redraw = 1;
	for (int i = 0; i < 4; i++)
		if (key == reasons[i][0]) {
			*reason = i;
			return OUT_SKIP;
		}
	return OUT_NONE;
}

/* ---- One exercise --------------------------------------------------- */

/* The next step starts at base: it ends base + its length later. */
static void
start_step(struct go *g, struct item *it, sess_ns base)
{
	const struct sess_step *s = sess_cur(&it->x);

	g->base = base;
	if (s == NULL)
		return;
	g->deadline = base + sess_scaled(s->ms, g->scale);
	announce(g, it, s);
}

/* The key k during a step. Returns OUT_NONE to go on. */
static enum outcome
on_key(struct go *g, struct item *it, int k)
{
	switch (k) {
	case '\n':
		if (g->paused)
			return OUT_NONE;
		sess_done_now(&it->x);
		start_step(g, it, sess_mono());
		return OUT_NONE;
	case 'p':
		if (g->paused) {
			resume_clock(g);
			say(g, "  going on");
		} else {
			pause_clock(g, "p");
			say(g, "  paused");
		}
		return OUT_NONE;
	case 'b':
		sess_back(&it->x);
		g->paused = 0;
		say(g, "  back one set");
		start_step(g, it, sess_mono());
		return OUT_NONE;
	case 'q': return OUT_QUIT;
	case 's': {
		int was = g->paused;
		enum outcome o;

		pause_clock(g, "s");
		o = ask_reason(g, &it->reason);
		if (o != OUT_NONE)
			return o;
		if (!was)
			resume_clock(g);
		return OUT_NONE;
	}
	}
	return OUT_NONE;
}

static enum outcome
run_item(struct go *g, struct item *it)
{
	struct buf t = { 0 };

	plan_dose_text(&t, it->e, &it->dose, cmd_times(g->ctx));
	if (it->e->cue != NULL && *it->e->cue != '\0')
		say(g, "%s: %s: %s", it->e->slug, t.data, it->e->cue);
	else
		say(g, "%s: %s", it->e->slug, t.data);
	buf_free(&t);
	if (it->had > 0)
		say(g, "  %d of %d sets already in the log today", it->had,
		    it->x.nunits);
	start_step(g, it, g->base);
	for (;;) {
		sess_ns until;
		enum ev ev;
		enum outcome o;
		int key;

		if (sess_cur(&it->x) == NULL)
			return OUT_DONE;
		/* With no input left, nobody could end a pause. */
		if (g->paused && !g->in_open)
			resume_clock(g);
		if (g->redraw && !g->plain)
			draw(g);
		until = g->deadline;
		if (g->paused)
			until = -1;
		else if (!g->plain) {
			/* Wake when the count shown changes. */
			sess_ns sec = sess_scaled(1000, g->scale),
				left = g->deadline - sess_mono();

			if (sec > 0 && left > sec)
				until = g->deadline - ((left - 1) / sec) * sec;
		}
		ev = wait_event(g, until, &key);
		switch (ev) {
		case EV_TIME:
			if (sess_mono() < g->deadline) {
				g->redraw = 1;
				break;
			}
			sess_next(&it->x);
			/* From the deadline, not from now: no drift. */
			start_step(g, it, g->deadline);
			break;
		case EV_SIGNAL: return OUT_SIGNAL;
		case EV_GAP:
			pause_clock(g, "the clock jumped");
			say(g,
			    "  paused: the clock jumped (a suspend?); p to "
			    "go on");
			break;
		case EV_EOF:
			/* A terminal that hangs up; a pipe that ends is fine. */
			if (!g->plain)
				return OUT_QUIT;
			break;
		case EV_REDRAW: break;
		case EV_LINE:
			key = g->line[0] == '\0' ? '\n' : g->line[0];
			/* fall through */
		case EV_KEY:
			if ((o = on_key(g, it, key)) != OUT_NONE)
				return o;
			break;
		}
	}
}

/* ---- The log -------------------------------------------------------- */

/*
 * Appends the sets of it that this run did, one row per set and side,
 * as one append. Returns 0, or -1 with g->status set.
 */
static int
go_append(struct go *g, struct item *it, int rpe)
{
	struct ctx *ctx = g->ctx;
	const struct exercise *e = it->e;
	struct store_row rows[2 * STORE_SET_MAX];
	char *cause = NULL, note[64] = "";
	enum fail fail = FAIL_IO;
	size_t n = 0;

	if (it->written)
		return 0;
	it->written = 1;
	if (it->out == OUT_SKIP)
		snprintf(
		    note, sizeof(note), "skipped: %s", reasons[it->reason]);
	for (int u = 0; u < it->x.nunits; u++) {
		struct store_row *r = &rows[n];

		if (!it->x.unit[u].done || it->inlog[u])
			continue;
		memset(r, 0, sizeof(*r));
		r->date = ctx->today;
		r->time = date_now_minutes();
		r->exercise = e->slug;
		r->side = it->x.unit[u].side;
		r->set = it->x.unit[u].set;
		r->reps = it->x.reps;
		r->hold_s = e->hold_s;
		r->variant = e->nvariants > 0 && it->dose.variant < e->nvariants
		    ? e->variants[it->dose.variant].slug
		    : "";
		r->rpe = rpe;
		r->pain = it->pain;
		r->note = note;
		r->batch = "";
		n++;
	}
	if (n == 0)
		return 0;
	/* One batch for the whole session: one undo takes it back. */
	if (store_append_batch(ctx->cfg.data_path, rows, n, g->batch, 0, NULL,
		&fail, &cause) < 0) {
		tty_leave(g);
		cmd_err(ctx, "%s", cause);
		free(cause);
		g->status = cmd_fail_status(fail);
		return -1;
	}
	return 0;
}

/* ---- The session ---------------------------------------------------- */

struct reader {
	struct go *g;
	struct progress *prog;
	struct plan_log *log;
};

static int
on_row(const struct store_row *r, void *arg)
{
	struct reader *rd = arg;
	struct go *g = rd->g;

	if (r->date > g->ctx->today)
		return 0;
	progress_add(rd->prog, r);
	plan_log_add(rd->log, r);
	if (r->date != g->ctx->today || r->set < 1 || r->set > STORE_SET_MAX)
		return 0;
	/* Today's sets: what a second `prehab go` does not do again. */
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->items[i].e->slug, r->exercise) == 0)
			g->items[i].seen[r->side][r->set] = 1;
	return 0;
}

/* Says which day's session this is, when today has none planned. */
static void
plan_note(struct go *g, struct plan_log *log)
{
	struct ctx *ctx = g->ctx;
	struct plan_week w[2];
	date_t start = date_week_start(ctx->today);
	char d[DATE_BUFSZ];

	plan_week(&ctx->cfg, log, ctx->today, start, NULL, &w[0]);
	if (w[0].day[ctx->today - start].session)
		return;
	plan_week(&ctx->cfg, log, ctx->today, start + 7, &w[0], &w[1]);
	for (date_t day = ctx->today + 1; day < start + 14; day++) {
		long k = (long)(day - start);

		if (w[k / 7].day[k % 7].session) {
			buf_addf(&g->note,
			    "No session is planned today; this is the one "
			    "planned for %.3s %s.",
			    date_weekday_name(date_weekday(day)),
			    date_format(day, d));
			return;
		}
	}
	buf_adds(&g->note,
	    "No session is planned today or in the days ahead; this is the "
	    "routine at today's dose.");
}

/*
 * The one place that asks the coaching engine what to do today: the
 * exercises (those named, else every enabled one) at the dose `plan`
 * prescribes, which of their sets today's log holds already, and a note
 * when today has no planned session. Returns -1 to go on, or an exit
 * status after saying why not.
 */
/* Whether today's week holds a race: its sessions are lighter. */
static int
race_week(struct ctx *ctx)
{
	date_t mon = date_week_start(ctx->today);

	for (int i = 0; i < 7; i++)
		if (config_day(&ctx->cfg, mon + i) == DAY_RACE)
			return 1;
	return 0;
}

static int
go_load_session(struct go *g, int argc, char **argv)
{
	struct ctx *ctx = g->ctx;
	struct buf off = { 0 };
	size_t keep = 0;
	int race;
	const struct catalog *cat = &ctx->cfg.catalog;
	struct reader rd = { g, NULL, NULL };
	struct store_read_opts o;
	struct sess_pace pace;
	date_t since = progress_since(ctx->today);
	char *cause = NULL;

	g->items =
	    xcalloc(argc > 0 ? (size_t)argc : cat->n + 1, sizeof(*g->items));
	for (int i = 0; i < argc; i++) {
		const struct exercise *e = catalog_find(cat, argv[i], &cause);
		int dup = 0;

		if (e == NULL) {
			int rc =
			    cmd_usage_error(ctx, &cmd_go_entry, "%s", cause);

			free(cause);
			return rc;
		}
		for (size_t j = 0; j < g->n; j++)
			dup |= g->items[j].e == e;
		if (!dup)
			g->items[g->n++].e = e;
	}
	for (size_t i = 0; argc == 0 && i < cat->n; i++)
		if (cat->ex[i].enabled)
			g->items[g->n++].e = &cat->ex[i];
	if (g->n == 0) {
		cmd_err(ctx, "no exercise of the routine is enabled");
		return EXIT_CONFIG;
	}

	/* The progression window, and the week before for the plan. */
	if (date_week_start(ctx->today) - 7 < since)
		since = date_week_start(ctx->today) - 7;
	rd.prog = progress_new(&ctx->cfg);
	rd.log = plan_log_new(&ctx->cfg, since, ctx->today);
	memset(&o, 0, sizeof(o));
	o.path = ctx->cfg.data_path;
	o.tail = 1;
	o.since = since;
	o.row = on_row;
	o.warn = cmd_store_warn;
	o.arg = &rd;
	if (store_read(&o, &cause) < 0) {
		cmd_err(ctx, "%s", cause);
		free(cause);
		progress_free(rd.prog);
		plan_log_free(rd.log);
		return EXIT_NOINPUT;
	}

	pace.lead_in_s = ctx->cfg.go_lead_in;
	pace.rest_s = g->rest >= 0 ? g->rest : ctx->cfg.go_rest;
	pace.switch_s = ctx->cfg.go_switch;
	race = race_week(ctx);
	for (size_t i = 0, n = g->n; i < n; i++) {
		struct item *it = &g->items[keep];
		struct prescription rx;
		struct tempo t;

		*it = g->items[i];
		progress_get(rd.prog, it->e, ctx->today, &rx);
		/* What the plan leaves out today, go leaves out too. */
		if (rx.pause == PAUSE_STOP ||
		    (rx.resting && ctx->today < rx.rest_until)) {
			buf_addf(
			    &off, "%s%s", off.len ? ", " : "", it->e->slug);
			continue;
		}
		it->dose = rx.dose;
		if (race)
			progress_taper(it->e, &rx.dose, &it->dose);
		it->pain = -1;
		config_tempo(&ctx->cfg, it->e, &t);
		sess_init(&it->x, it->dose.sets, it->dose.reps, it->e->per_side,
		    &t, &pace);
		for (int u = 0; u < it->x.nunits; u++) {
			const struct sess_unit *un = &it->x.unit[u];

			if (it->seen[un->side][un->set]) {
				sess_mark(&it->x, un->set, un->side);
				it->inlog[u] = 1;
				it->had++;
			}
		}
		keep++;
	}
	g->n = keep;
	if (off.len > 0)
		cmd_warn(ctx,
		    "left out today after pain: %s (see 'prehab plan')",
		    off.data);
	buf_free(&off);
	if (g->n == 0) {
		cmd_err(ctx,
		    "nothing to do today: every exercise rests or is "
		    "paused (see 'prehab plan')");
		progress_free(rd.prog);
		plan_log_free(rd.log);
		return EXIT_NOTHING;
	}
	if (argc == 0)
		plan_note(g, rd.log);
	progress_free(rd.prog);
	plan_log_free(rd.log);
	return -1;
}

/* "L 2×10, R 1×10", or "2×10", counting today's sets in the log too. */
static void
done_text(struct go *g, struct buf *b, const struct item *it)
{
	int n[3] = { 0, 0, 0 };

	for (int u = 0; u < it->x.nunits; u++)
		n[it->x.unit[u].side] += it->x.unit[u].done;
	if (!it->e->per_side)
		buf_addf(
		    b, "%d%s%d", n[SIDE_BOTH], cmd_times(g->ctx), it->x.reps);
	else
		buf_addf(b, "L %d%s%d, R %d%s%d", n[SIDE_LEFT],
		    cmd_times(g->ctx), it->x.reps, n[SIDE_RIGHT],
		    cmd_times(g->ctx), it->x.reps);
}

/* The one-screen summary, on the normal screen so that it stays. */
static void
summary(struct go *g)
{
	struct ctx *ctx = g->ctx;
	struct buf b = { 0 };
	char d[DATE_BUFSZ];
	int sets = 0, done = 0, worst = -1;
	size_t wname = 0;

	for (size_t i = 0; i < g->n; i++) {
		const struct item *it = &g->items[i];

		if (strlen(it->e->slug) > wname)
			wname = strlen(it->e->slug);
		for (int u = 0; u < it->x.nunits; u++)
			sets += it->x.unit[u].done && !it->inlog[u];
		done += sess_nleft(&it->x) == 0;
		if (it->pain > worst)
			worst = it->pain;
	}
	printf("%sSession of %.3s %s: %d of %zu exercises complete, %d set%s "
	       "logged%s\n",
	    cmd_color(ctx, "1"), date_weekday_name(date_weekday(ctx->today)),
	    date_format(ctx->today, d), done, g->n, sets, sets == 1 ? "" : "s",
	    cmd_reset(ctx));
	for (size_t i = 0; i < g->n; i++) {
		const struct item *it = &g->items[i];

		buf_reset(&b);
		if (sess_ndone(&it->x) > 0)
			done_text(g, &b, it);
		else
			buf_adds(&b,
			    it->out == OUT_NONE ? "not started"
						: "no set done");
		printf("  %-*s  %s", (int)wname, it->e->slug, b.data);
		switch (it->out) {
		case OUT_SKIP:
			printf(", skipped (%s)", reasons[it->reason]);
			break;
		case OUT_QUIT:
		case OUT_SIGNAL:
		case OUT_ERROR: printf(", stopped"); break;
		case OUT_NONE:
		case OUT_DONE: break;
		}
		if (it->pain >= 0)
			printf(", pain %d", it->pain);
		if (it->had > 0)
			printf(" (%d already in the log)", it->had);
		putchar('\n');
	}
	if (g->rpe > 0)
		printf("Session RPE %d.\n", g->rpe);
	/* The same one line as log: plan and stats give the advice. */
	if (worst >= ctx->cfg.back_pain)
		printf("Pain %d is red: see 'prehab plan' before the next "
		       "session.\n",
		    worst);
	if (sets > 0)
		printf("Tomorrow morning, log how the knee feels: prehab log "
		       "morning --pain N.\n");
	buf_free(&b);
	fflush(stdout);
}

static int
go_opt(struct ctx *ctx, int opt, char *arg, void *data)
{
	struct go *g = data;
	long n;

	switch (opt) {
	case OPT_PLAIN: g->plain = 1; return 0;
	case 'q': g->quiet = 1; return 0;
	case OPT_REST:
		if (util_parse_long(arg, 0, 600, &n) != 0)
			return cmd_usage_error(ctx, &cmd_go_entry,
			    "--rest must be 0-600 seconds, got '%s'", arg);
		g->rest = (int)n;
		return 0;
	}
	return 0;
}

/* Runs the items in turn; returns the outcome that ended the session. */
static enum outcome
run_session(struct go *g)
{
	size_t last = 0;
	enum outcome stop = OUT_NONE;
	struct item *held = NULL;
	int human;

	for (size_t i = 0; i < g->n; i++)
		if (sess_nleft(&g->items[i].x) > 0)
			last = i;
	for (size_t i = 0; i < g->n && stop == OUT_NONE; i++) {
		struct item *it = &g->items[i];
		enum outcome o;
		int fresh;

		if (sess_nleft(&it->x) == 0)
			continue;
		g->cur = i;
		sess_build(&it->x);
		o = run_item(g, it);
		it->out = o;
		fresh = sess_ndone(&it->x) > it->had;
		if (o == OUT_SKIP) {
			say(g, "  skipped (%s)", reasons[it->reason]);
			g->base = sess_mono();
		}
		if (o == OUT_QUIT || o == OUT_SIGNAL)
			stop = o;
		else if (fresh) {
			char q[96];

			bell(g);
			snprintf(
			    q, sizeof(q), "Knee pain during %s?", it->e->slug);
			stop = ask_number(g, q, 0, &it->pain, &human);
			if (stop == OUT_DONE)
				stop = OUT_NONE;
			if (human)
				g->base = sess_mono();
			/* The last one waits for the session's RPE. */
			if (stop == OUT_NONE && i == last) {
				held = it;
				break;
			}
		}
		if (go_append(g, it, -1) != 0)
			stop = OUT_ERROR;
	}
	if (held != NULL) {
		enum outcome o = ask_number(
		    g, "Effort of the whole session, RPE", 1, &g->rpe, &human);

		if (o == OUT_QUIT || o == OUT_SIGNAL)
			stop = o;
		if (go_append(g, held, g->rpe) != 0)
			stop = OUT_ERROR;
	}
	return stop;
}

static int
cmd_go(struct ctx *ctx, int argc, char **argv)
{
	struct go g;
	const char *v;
	enum outcome stop;
	long planned = 0;
	size_t todo = 0;
	int ind, rc;

	memset(&g, 0, sizeof(g));
	store_new_batch(g.batch, sizeof(g.batch));
	got_stop_sig = got_tstp = got_cont = got_winch = 0;
	g.ctx = ctx;
	g.rest = -1;
	g.scale = 1;
	g.rpe = -1;
	g.in_open = 1;
	if ((rc = cmd_options(
		 ctx, &cmd_go_entry, argc, argv, go_opt, &g, &ind)) >= 0)
		return rc;
	argc -= ind;
	argv += ind;
	if ((v = getenv("PREHAB_GO_SCALE")) != NULL && *v != '\0' &&
	    sess_parse_scale(v, &g.scale) != 0)
		return cmd_usage_error(ctx, &cmd_go_entry,
		    "PREHAB_GO_SCALE must be a number from 0.001 to 100, got "
		    "'%.20s'",
		    v);
	if (cmd_one_log(ctx) != 0)
		return EXIT_USAGE;
	if (!g.plain && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		cmd_err(ctx,
		    "needs a terminal; use --plain for one line per step, or "
		    "log afterwards with 'prehab log session'");
		return EXIT_USAGE;
	}
	if ((rc = cmd_need_log(ctx)) != 0)
		return rc;
	if (strcmp(ctx->cfg.data_path, "-") == 0) {
		cmd_err(ctx,
		    "the log cannot be standard input when writing: name a "
		    "file with --data");
		return EXIT_USAGE;
	}
	if ((rc = go_load_session(&g, argc, argv)) >= 0)
		goto out;

	for (size_t i = 0; i < g.n; i++) {
		struct item *it = &g.items[i];

		/* Named again once done: the whole of it again. */
		if (argc > 0 && sess_nleft(&it->x) == 0) {
			for (int u = 0; u < it->x.nunits; u++)
				it->x.unit[u].done = it->inlog[u] = 0;
			it->had = 0;
		}
		g.resumed |= it->had > 0;
		if (sess_nleft(&it->x) > 0) {
			todo++;
			sess_build(&it->x);
			planned += sess_ms_left(&it->x);
		}
	}
	if (todo == 0) {
		cmd_err(ctx,
		    "today's session is in the log already; 'prehab go "
		    "EXERCISE' does one again");
		rc = EXIT_NOTHING;
		goto out;
	}
	if (g.resumed)
		buf_addf(&g.note,
		    "%sResuming today's session: %zu of %zu "
		    "exercises still to do.",
		    g.note.len ? " " : "", todo, g.n);
	planned /= 1000;
	say(&g, "prehab go: %zu exercise%s, planned %ld:%02ld", todo,
	    todo == 1 ? "" : "s", planned / 60, planned % 60);
	if (g.note.len > 0)
		say(&g, "%s", g.note.data);

	signals_install(g.plain);
	if (tty_enter(&g) != 0) {
		cmd_err(ctx, "cannot set up the terminal: %s", strerror(errno));
		signals_restore(g.plain);
		rc = EXIT_IO;
		goto out;
	}
	g.show_note = 1;
	g.start = g.base = sess_mono();
	stop = run_session(&g);
	tty_leave(&g);
	if (g.plain && stop != OUT_SIGNAL)
		say(&g, "done");
	summary(&g);
	rc = stop == OUT_ERROR ? g.status : 0;
	if (stop != OUT_SIGNAL)
		signals_restore(g.plain);
	else {
		sigset_t all;
		int sig = got_stop_sig;

		/* Die of the signal, as the shell expects. */
		signal(sig, SIG_DFL);
		sigemptyset(&all);
		sigaddset(&all, sig);
		raise(sig);
		sigprocmask(SIG_UNBLOCK, &all, NULL);
		rc = 128 + sig;
	}
out:
	for (size_t i = 0; i < g.n; i++)
		sess_free(&g.items[i].x);
	free(g.items);
	buf_free(&g.note);
	return rc;
}

const struct cmd_entry cmd_go_entry = {
	.name = "go",
	.exec = cmd_go,
	.synopsis = "Run today's session in the terminal, counting every rep, "
		    "and log it.",
	.usage = "prehab go [--plain] [--rest SECONDS] [--quiet] [EXERCISE...]",
	.help =
	    "With no EXERCISE, today's session (or the next planned one) at "
	    "the\n"
	    "dose prehab plan prescribes; run again the same day, it carries "
	    "on\n"
	    "with what is left. Each exercise's sets are logged as it ends.\n"
	    "Keys: Enter or space, set done (or end the rest); p, pause; s, "
	    "skip\n"
	    "the exercise; b, back one set; q, quit keeping what was done.\n"
	    "\nOptions:\n"
	    "  --plain           one line per step on standard output, Enter\n"
	    "                    on standard input; no terminal needed\n"
	    "  --rest SECONDS    rest between sets, 0-600 (default [go] rest)\n"
	    "  -q, --quiet       no terminal bell\n",
	.opts = go_opts,
	.shortopts = ":hq",
	.args = "@exercise",
	.values = go_values,
};
