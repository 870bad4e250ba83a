package cli

import (
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/app/devgen"
)

// dev dispatches the "dev SUBCOMMAND" family: tools for developing and
// measuring Tierdesk, not for help-desk work.
func (r *runner) dev(args []string) error {
	if len(args) == 0 {
		return usagef("dev needs a subcommand: gen")
	}
	switch args[0] {
	case "gen":
		return r.devGen(args[1:])
	case "help", "-h", "--help":
		r.printUsage(r.stdout)
		return nil
	}
	return usagef("unknown dev subcommand %q; run 'tierdesk help' for the list", args[0])
}

func (r *runner) devGen(args []string) error {
	c := r.flags("dev gen", "dev gen --data-dir DIR [--tickets N] [--articles M] [--seed S]",
		"Generate a large help desk as the demo workspace of DIR, for development and the\n"+
			"benchmarks: tickets over two years (L1 75%, L2 20%, L3 5%; RT statuses by age;\n"+
			"about forty agents), conversations of 0 to 20 comments (about four on average)\n"+
			"and articles of 300 bytes to 20 KB. Open it with 'tierdesk --demo --data-dir DIR'.\n"+
			"The same seed gives the same store. DIR must not hold a demo workspace yet.")
	var o devgen.Options
	c.IntVar(&o.Tickets, "tickets", 100_000, "how many tickets")
	c.IntVar(&o.Articles, "articles", 10_000, "how many knowledge-base articles")
	c.Uint64Var(&o.Seed, "seed", 1, "the random seed")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("dev gen takes no arguments")
	case r.g.dataDir == "":
		// Never into the user's real data folder by accident.
		return usagef("dev gen needs --data-dir DIR")
	case o.Tickets < 0 || o.Articles < 0:
		return usagef("--tickets and --articles must not be negative")
	}
	t0 := time.Now()
	last := time.Now()
	st, err := app.GenerateWorkspace(r.g.dataDir, o, func(n int) {
		if time.Since(last) > 5*time.Second {
			last = time.Now()
			fmt.Fprintf(r.stderr, "%d of %d tickets\n", n, o.Tickets)
		}
	})
	if err != nil {
		return err
	}
	if r.g.json {
		return r.writeJSON(st)
	}
	fmt.Fprintf(r.stdout, "generated %d tickets, %d comments and %d articles (%.1f MB of article text) in %.1f s\n",
		st.Tickets, st.Comments, st.Articles, float64(st.ArticleBytes)/1e6, time.Since(t0).Seconds())
	return nil
}
