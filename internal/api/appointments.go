package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listAppointments(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := r.URL.Query()
	in := app.AppointmentQuery{OutletID: q.Get("outlet_id"), StaffID: q.Get("staff_id"), CustomerID: q.Get("customer_id"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), After: q.Get("after"), Limit: queryInt(r, &c, "limit", 50)}
	if err := c.Err(); err != nil {
		return err
	}
	page, err := s.app.ListAppointments(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := AppointmentList{Items: make([]Appointment, 0, len(page.Items)), Next: page.Next}
	for i := range page.Items {
		out.Items = append(out.Items, appointmentOf(&page.Items[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createAppointment(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AppointmentRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	a, err := s.app.CreateAppointment(r.Context(), p, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/appointments/"+a.ID)
	return writeJSON(w, http.StatusCreated, appointmentOf(a))
}

func (s *Server) getAppointment(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	a, err := s.app.GetAppointment(r.Context(), p, r.PathValue("appointment_id"))
	return replyAppointment(w, a, err)
}

func (s *Server) updateAppointment(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AppointmentRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	a, err := s.app.UpdateAppointment(r.Context(), p, r.PathValue("appointment_id"), in)
	return replyAppointment(w, a, err)
}

func (s *Server) changeAppointmentStatus(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AppointmentStatusRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	a, err := s.app.ChangeAppointmentStatus(r.Context(), p, r.PathValue("appointment_id"),
		app.AppointmentTransition{Status: req.Status, Reason: req.Reason, Override: req.Override})
	return replyAppointment(w, a, err)
}

func replyAppointment(w http.ResponseWriter, a *booking.Appointment, err error) error {
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, appointmentOf(a))
}
