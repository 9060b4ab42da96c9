package errs

// Collector gathers field errors while a request is validated, so that every
// bad field is reported at once rather than only the first.
type Collector struct {
	fields []FieldError
}

// Add records a problem with one field.
func (c *Collector) Add(field, code, msg string) {
	c.fields = append(c.fields, FieldError{Field: field, Code: code, Message: msg})
}

// Check records a problem when bad is true.
func (c *Collector) Check(bad bool, field, code, msg string) {
	if bad {
		c.Add(field, code, msg)
	}
}

// Err returns an Invalid error listing every recorded field, or nil.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return Fields(c.fields...)
}
