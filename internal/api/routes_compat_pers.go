package api

// persRoutes are the pers seed's tenant endpoints (docs/compat-pers.md).
func (s *Server) persRoutes() []Route { return nil }
