package identity

import "time"

// Address is a postal address of a user's profile.
type Address struct {
	Line1      string
	Line2      string
	City       string
	State      string
	PostalCode string
	Country    string
}

// Profile is a user with the rest of their profile (storegister seed).
type Profile struct {
	User                 User
	PrimaryAddress       Address
	CommunicationAddress Address
	Picture              *PictureInfo // nil when the user has no picture
}

// PictureInfo describes a stored profile picture.
type PictureInfo struct {
	ETag      string // a strong entity tag of the stored bytes, quoted
	Width     int
	Height    int
	UpdatedAt time.Time
}

// Picture is a stored profile picture: always a PNG made by NormalizePicture.
type Picture struct {
	UserID  string
	Content []byte
	PictureInfo
}
