package app

import "github.com/tierdesk/tierdesk/helpdesk"

// View is one of the ticket lists in the navigation.
type View int

// The ticket views, in navigation order.
const (
	ViewMyTier     View = iota // active tickets at the user's tier
	ViewAssigned               // active tickets owned by the user
	ViewAll                    // every cached ticket
	ViewMyRequests             // tickets the user filed
)

// Views lists the ticket views in navigation order.
func Views() []View { return []View{ViewMyTier, ViewAssigned, ViewAll, ViewMyRequests} }

// Title names the view for the navigation; it depends on the user's tier.
func (v View) Title(me Identity) string {
	switch v {
	case ViewMyTier:
		return me.Tier.String() + " queue"
	case ViewAssigned:
		return "Assigned to me"
	case ViewAll:
		return "All tickets"
	case ViewMyRequests:
		return "My requests"
	}
	return "?"
}

// Filter returns the base filter of the view for the user; list search and
// filter controls narrow it further.
func (v View) Filter(me Identity) helpdesk.Filter {
	switch v {
	case ViewMyTier:
		return helpdesk.Filter{Tiers: []helpdesk.Tier{me.Tier}, ActiveOnly: true}
	case ViewAssigned:
		return helpdesk.Filter{Owner: me.Name, ActiveOnly: true}
	case ViewMyRequests:
		return helpdesk.Filter{Requester: me.Name}
	}
	return helpdesk.Filter{}
}
