/*
 * coach.c: see coach.h. Every sentence prehab says about pain, doses and
 * when to see someone is here, so that plan, stats and log say the same
 * thing in the same words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach.h"
#include "prehab.h"
#include "table.h"
#include "util.h"

void
coach_level(struct buf *b, struct ctx *ctx, const struct exercise *e, int level,
    int with_variant)
{
	struct level lv;

	progress_level(e, level, &lv);
	buf_addf(b, "%d%s%d", lv.sets, cmd_times(ctx), lv.reps);
	if (with_variant && lv.variant < e->nvariants &&
	    e->variants[lv.variant].slug != NULL)
		buf_addf(b, " %s", e->variants[lv.variant].slug);
}

/* "2×12 → 2×15", naming the variants when they differ. */
static void
from_to(
    struct buf *b, struct ctx *ctx, const struct exercise *e, int from, int to)
{
	struct level a, z;
	int named;

	progress_level(e, from, &a);
	progress_level(e, to, &z);
	named = a.variant != z.variant;
	coach_level(b, ctx, e, from, named);
	buf_adds(b, ctx->utf8 ? " \xe2\x86\x92 " : " -> ");
	coach_level(b, ctx, e, to, named);
}

/* "pain 6" or "pain 2, 6 the next morning". */
static void
pain_words(struct buf *b, const struct prescription *rx)
{
	if (rx->pain >= 0 && rx->morning >= 0)
		buf_addf(
		    b, "pain %d, %d the next morning", rx->pain, rx->morning);
	else if (rx->morning >= 0)
		buf_addf(b, "%d the next morning", rx->morning);
	else
		buf_addf(b, "pain %d", rx->pain);
}

int
coach_changed(const struct prescription *rx)
{
	return rx->sessions > 0 && rx->done >= 0 && rx->level != rx->done;
}

void
coach_note(struct buf *b, struct ctx *ctx, const struct exercise *e,
    const struct prescription *rx)
{
	char when[DATE_BUFSZ];
	int base = rx->done >= 0 ? rx->done : rx->after;

	switch (rx->cause) {
	case CAUSE_START: break;
	case CAUSE_HOLD:
		if (rx->to_next == 1)
			buf_adds(b, "one more green session to step up");
		break;
	case CAUSE_UP:
		buf_adds(b, "stepped up: ");
		from_to(b, ctx, e, base, rx->after);
		break;
	case CAUSE_TOP: buf_adds(b, "top of the ladder: keep it there"); break;
	case CAUSE_NOPAIN:
		buf_adds(
		    b, "held: no pain recorded last time (0 is an answer)");
		break;
	case CAUSE_EFFORT:
		buf_addf(b, "held: effort outside RPE %d-%d last time",
		    ctx->cfg.up_min_rpe, ctx->cfg.up_rpe);
		break;
	case CAUSE_AMBER:
		buf_adds(b, "held: ");
		pain_words(b, rx);
		buf_adds(b, " last time (amber)");
		break;
	case CAUSE_AMBER_RUN:
		buf_adds(b, "stepped back after three amber sessions: ");
		from_to(b, ctx, e, base, rx->after);
		break;
	case CAUSE_RED:
		date_format(rx->rest_until, when);
		if (base == rx->after) {
			buf_adds(b, "red: ");
			pain_words(b, rx);
			buf_adds(b, "; staying at ");
			coach_level(b, ctx, e, rx->after, 0);
		} else {
			buf_adds(b, "stepped back after ");
			pain_words(b, rx);
			buf_adds(b, " (red): ");
			from_to(b, ctx, e, base, rx->after);
		}
		buf_addf(b, ", rest it until %s",
		    date_weekday_name(date_weekday(rx->rest_until)));
		break;
	case CAUSE_SHORT:
		buf_adds(b, "last session reached no full rung: ");
		coach_level(b, ctx, e, rx->after, 1);
		buf_adds(b, " stands");
		break;
	case CAUSE_RESTART:
		buf_addf(b, "%d days since the last one: the first rung again",
		    rx->away);
		break;
	case CAUSE_ALERT:
		buf_adds(b, "first rung while the pain alert stands");
		break;
	}
	/* Following what was done rather than what was planned. */
	if (rx->planned >= 0 && rx->done >= 0 && rx->done != rx->planned &&
	    rx->cause != CAUSE_ALERT) {
		buf_adds(b, b->len ? "; " : "");
		coach_level(b, ctx, e, rx->done, 1);
		buf_adds(b,
		    rx->done < rx->planned ? " done last time, "
					   : " done last time, up from ");
		if (rx->done < rx->planned) {
			buf_adds(b, "below the ");
			coach_level(b, ctx, e, rx->planned, 1);
			buf_adds(b, " planned");
		} else
			coach_level(b, ctx, e, rx->planned, 1);
	}
	if (rx->lost > 0) {
		buf_adds(b, b->len ? "; " : "");
		buf_addf(b, "%d days since the last one: %d rung%s down",
		    rx->away, rx->lost, rx->lost == 1 ? "" : "s");
	}
}

void
coach_wrap(struct ctx *ctx, FILE *fp, const char *text)
{
	cmd_wrap(ctx, fp, "", "", text);
}

/* One alert, as a sentence. */
static void
alert_text(struct buf *b, const struct progress_alert *a)
{
	char when[DATE_BUFSZ];
	const char *wd = date_weekday_name(date_weekday(a->when));

	date_format(a->when, when);
	switch (a->kind) {
	case ALERT_PAIN:
		if (a->checkin)
			buf_addf(b, "Morning pain of %d on %.3s %s.", a->a, wd,
			    when);
		else
			buf_addf(b, "Pain of %d during the %s on %.3s %s.",
			    a->a, a->e->slug, wd, when);
		break;
	case ALERT_BACKS:
		buf_addf(b,
		    "The %s has stepped back twice within two weeks (pain "
		    "%d, then %d, the last on %.3s %s).",
		    a->e->slug, a->a, a->b, wd, when);
		break;
	case ALERT_MORNING:
		buf_addf(b,
		    "Morning pain has risen from %d to %d over the last two "
		    "weeks.",
		    a->a, a->b);
		break;
	case ALERT_STALL:
		buf_addf(b,
		    "Usual pain is %d.%d now against %d.%d six weeks ago: "
		    "not the drop of two points that shows the routine "
		    "working.",
		    a->b / 10, a->b % 10, a->a / 10, a->a % 10);
		break;
	}
}

int
coach_alerts(struct ctx *ctx, FILE *fp, const struct progress *p, date_t d)
{
	struct progress_alert a[PROGRESS_MAX_ALERTS];
	struct buf b = { 0 };
	int n = progress_alerts(p, d, a);

	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++) {
		int k = i;

		/* Pain in several exercises of one session: one line. */
		while (a[i].kind == ALERT_PAIN && !a[i].checkin && k + 1 < n &&
		    a[k + 1].kind == ALERT_PAIN && !a[k + 1].checkin &&
		    a[k + 1].when == a[i].when && a[k + 1].a == a[i].a)
			k++;
		if (k > i) {
			char when[DATE_BUFSZ];

			buf_addf(&b, "Pain of %d on %.3s %s (", a[i].a,
			    date_weekday_name(date_weekday(a[i].when)),
			    date_format(a[i].when, when));
			for (int j = i; j <= k; j++)
				buf_addf(&b, "%s%s", j > i ? ", " : "",
				    a[j].e->slug);
			buf_adds(&b, ").");
			i = k;
		} else
			alert_text(&b, &a[i]);
		buf_addc(&b, '\n');
	}
	buf_addf(&b,
	    "prehab is a training aid, not medical care: a physiotherapist or "
	    "a doctor should look at this knee. Until a morning check-in "
	    "comes back green (pain %d or less), exercises that load the knee "
	    "pause and hip exercises stay at their easiest. If the knee "
	    "swells, locks, gives way or cannot take your weight, get help "
	    "today: prehab show safety.",
	    ctx->cfg.up_pain);
	fputc('\n', fp);
	fputs(cmd_color(ctx, "1;31"), fp);
	coach_wrap(ctx, fp, b.data);
	fputs(cmd_reset(ctx), fp);
	buf_free(&b);
	return n;
}

void
coach_checkin(struct ctx *ctx, FILE *fp, const struct progress *p, date_t d)
{
	if (!progress_checkin_due(p, d))
		return;
	cmd_wrap(ctx, fp, "", "",
	    "How is the knee after yesterday's session? prehab log morning "
	    "--pain N");
}

int
coach_checkin_effect(
    struct ctx *ctx, FILE *fp, const struct progress *p, date_t d)
{
	const struct catalog *cat = &ctx->cfg.catalog;
	struct prescription rx;
	struct buf b = { 0 };
	int n = 0;

	for (size_t i = 0; i < cat->n; i++) {
		const struct exercise *e = &cat->ex[i];

		if (!e->enabled)
			continue;
		progress_get(p, e, d, &rx);
		if (rx.sessions == 0 || rx.last != d - 1 || rx.morning < 0 ||
		    (rx.light != LIGHT_AMBER && rx.light != LIGHT_RED))
			continue;
		if (n++ == 0)
			fprintf(fp, "After this check-in, next time:\n");
		buf_reset(&b);
		buf_addf(&b, "  %s ", e->slug);
		coach_level(&b, ctx, e, rx.level, 1);
		buf_adds(&b, ": ");
		coach_note(&b, ctx, e, &rx);
		fprintf(fp, "%s\n", b.data);
	}
	buf_free(&b);
	return n;
}

void
coach_safety(struct ctx *ctx, FILE *fp)
{
	static const char *const now[] = {
		"you cannot put weight on the leg, or walk only with a limp "
		"you cannot shake off;",
		"the knee locks and will not straighten, or gives way under "
		"you;",
		"the knee swells up, markedly or within hours;",
		"the knee is hot and red and you have a fever or chills;",
		"the knee or the leg looks out of shape after a fall or a "
		"twist.",
		NULL
	};
	static const char *const soon[] = {
		"pain that wakes you at night or aches when you rest;",
		"pain that has not eased after a few weeks of sensible "
		"training, or keeps coming back;",
		NULL
	};
	char high[128], rest[512];

	fputs(cmd_color(ctx, "1"), fp);
	coach_wrap(ctx, fp, "prehab is a training aid, not medical care.");
	fprintf(fp, "%s\n", cmd_reset(ctx));
	coach_wrap(ctx, fp,
	    "Stop the routine and get care today (a doctor, an urgent care "
	    "service or emergency department) if:");
	for (int i = 0; now[i] != NULL; i++)
		cmd_wrap(ctx, fp, "  - ", "    ", now[i]);
	fputc('\n', fp);
	coach_wrap(
	    ctx, fp, "See a physiotherapist or a doctor soon if you have:");
	for (int i = 0; soon[i] != NULL; i++)
		cmd_wrap(ctx, fp, "  - ", "    ", soon[i]);
	snprintf(high, sizeof(high),
	    "pain of %d or more out of 10, or pain that rises from one "
	    "session to the next.",
	    ctx->cfg.refer_pain);
	cmd_wrap(ctx, fp, "  - ", "    ", high);
	fputc('\n', fp);
	snprintf(rest, sizeof(rest),
	    "Most knee pain in runners settles within six to twelve weeks of "
	    "the right work. prehab watches your log for pain of %d or more, "
	    "repeated step-backs, morning pain that keeps rising and pain "
	    "that has not dropped after six weeks, and says so in 'prehab "
	    "plan' and 'prehab stats'; it cannot examine a knee.",
	    ctx->cfg.refer_pain);
	coach_wrap(ctx, fp, rest);
}
