package output

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Printer writes rows as an aligned table for people or as JSON lines for
// scripts. Tables are flushed every flushEvery rows so a long listing shows
// up as its pages arrive instead of after the last one.
type Printer struct {
	json   io.Writer // set for JSON lines
	tw     *tabwriter.Writer
	header []string // printed with the first row, so a failed listing prints none
	rows   int
}

const flushEvery = 100

func NewPrinter(w io.Writer, asJSON bool, header ...string) *Printer {
	p := &Printer{}
	if asJSON {
		p.json = w
		return p
	}
	p.tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	p.header = header
	return p
}

// Row prints one record: v as JSON, or cells as a table row. Cells are
// escaped: an id or name from the server cannot act on the terminal or
// break the table's lines and columns.
func (p *Printer) Row(v any, cells ...string) {
	if p.json != nil {
		_, _ = p.json.Write(append(TerminalJSON(v), '\n'))
		return
	}
	p.writeHeader()
	p.line(cells)
	if p.rows++; p.rows%flushEvery == 0 {
		_ = p.tw.Flush()
	}
}

// More continues the last row on another line of the table (a cell that
// holds a list); JSON has the whole record in the row already.
func (p *Printer) More(cells ...string) {
	if p.tw != nil {
		p.line(cells)
	}
}

func (p *Printer) line(cells []string) {
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(p.tw, "\t")
		}
		fmt.Fprint(p.tw, Cell(c))
	}
	fmt.Fprintln(p.tw)
}

// Cell is c as a table shows it: textsafe.Escape, and its leading and
// trailing ASCII spaces as \x20. Among a table's padding those spaces are
// invisible, and "KEY " would look like "KEY"; since Escape doubles every
// backslash, the \x20 still reads back to exactly one text. Spaces inside
// stay as they are: they show between the letters.
func Cell(c string) string {
	e := textsafe.Escape(c)
	body := strings.TrimLeft(e, " ")
	lead := len(e) - len(body)
	body = strings.TrimRight(body, " ")
	trail := len(e) - lead - len(body)
	if lead+trail == 0 {
		return e
	}
	return strings.Repeat(`\x20`, lead) + body + strings.Repeat(`\x20`, trail)
}

func (p *Printer) writeHeader() {
	if p.header != nil {
		p.line(p.header)
		p.header = nil
	}
}

// Flush ends a complete listing: an empty one still shows its header.
func (p *Printer) Flush() error {
	if p.tw == nil {
		return nil
	}
	p.writeHeader()
	return p.tw.Flush()
}

// Abort ends a listing cut short by an error: the rows so far, no header
// for none.
func (p *Printer) Abort() {
	if p.tw != nil {
		_ = p.tw.Flush()
	}
}
